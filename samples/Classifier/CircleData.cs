using System;
using System.Collections.Generic;

namespace Classifier;

/// <summary>
/// Points drawn uniformly from the square [−1, 1]² by a seeded generator, labelled 1 outside the circle of radius
/// √(2/π) about the origin and 0 inside: the circle covers half the square, so the classes are balanced on average.
/// </summary>
public static class CircleData
{
    public static readonly double RadiusSquared = 2 / Math.PI;

    public static (List<double[]> Inputs, List<double> Labels) Create(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<double[]>(count);
        var labels = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            var x = new[] { 2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1 };
            inputs.Add(x);
            labels.Add(x[0] * x[0] + x[1] * x[1] > RadiusSquared ? 1 : 0);
        }
        return (inputs, labels);
    }
}
