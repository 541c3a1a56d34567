using System;
using System.Collections.Generic;
using System.Linq;

namespace OverlapGradients;

/// <summary>The MSE-against-step-size study as a CSV file and a console table.</summary>
public static class MseTable
{
    /// <summary>The shot counts per circuit of the study with shots.</summary>
    public static readonly int[] ShotCounts = { 1_000, 10_000 };

    private static readonly string[] Methods = { "ht", "hst", "hst_shift_step", "fd2", "fd4" };

    /// <summary>One row per (shots, parameter, step): each method's MSE, standard deviation and mean reported variance; shots 0 is exact.</summary>
    public static void Write(string path, IEnumerable<(int Shots, StepSizePoint Row)> rows)
    {
        var header = new List<string> { "shots_per_circuit", "parameter", "step" };
        foreach (var m in Methods) header.AddRange(new[] { $"mse_{m}", $"sd_{m}", $"reported_variance_{m}" });
        CsvWriter.Write(path, header, rows.Select(x =>
        {
            var fields = new List<object> { x.Shots, $"theta{x.Row.Parameter + 1}", x.Row.Step };
            foreach (var e in Estimates(x.Row)) fields.AddRange(new object[] { e.Mean, e.StandardDeviation, e.MeanReportedVariance });
            return (IReadOnlyList<object>)fields;
        }));
    }

    /// <summary>Every <paramref name="every"/>-th step of each parameter (and the last): the MSE of each method.</summary>
    public static void Print(IReadOnlyList<StepSizePoint> rows, int every = 11)
    {
        Console.WriteLine($"{"",-7}{"h",8}{"HT(π)",12}{"HST(π/2)",12}{"HST(s=h)",12}{"FD2",12}{"FD4",12}");
        foreach (var r in rows.Where((_, i) => (i / 2) % every == 0 || i >= rows.Count - 2))
            Console.WriteLine($"{"dC/dθ" + (r.Parameter + 1),-7}{r.Step,8:F4}" + string.Concat(Estimates(r).Select(e => $"{e.Mean,12:0.00E+00}")));
    }

    private static MseEstimate[] Estimates(StepSizePoint r) => new[] { r.HadamardTest, r.HilbertSchmidt, r.HilbertSchmidtShiftStep, r.TwoPoint, r.FourPoint };
}
