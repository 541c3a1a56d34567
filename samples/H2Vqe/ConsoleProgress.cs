using System;
using System.Globalization;
using ExactGrad.Optimization;

namespace H2Vqe;

/// <summary>Prints every n-th training step (and the first) as it happens, on the training thread.</summary>
internal sealed class ConsoleProgress(int every) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p)
    {
        if (p.Step % every != 0) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step,4}: energy {p.Cost,19:F15}  |gradient| {p.GradientNorm:E2}  elapsed {p.Elapsed.TotalMilliseconds,7:F1} ms"));
    }
}
