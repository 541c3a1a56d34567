using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OverlapGradients;

// Reproduces the demonstration of Urbaneja and Ho, "Exact gradient for universal cost functions in variational
// quantum algorithms" (2025). Writes CSV files and PNG + SVG figures (ScottPlot) to the folder given as the first
// argument (default artifacts/overlap-gradients/) and exits non-zero if a check fails.
// --variant B (the default: CNOT first, the published figures' order), A (the text's order) or both.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;
if (!SampleArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine("usage: dotnet run --project samples/OverlapGradients -c Release -- [output-folder] [--variant A|B|both]");
    return 2;
}
string output = arguments.Output;
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();
bool ok = true;

Console.WriteLine("Exact gradients of C = 1 - |Tr(V†U)|²/16, target V = CNOT(0→1)·H(0) (Urbaneja and Ho, 2025)");
Console.WriteLine($"Output folder: {Path.GetFullPath(output)}");
Console.WriteLine();
Console.WriteLine(PaperData.Statement);

var shotRows = new List<ShotRow>();
foreach (var problem in arguments.Variants)
{
    var d = new Derivatives(problem);
    string tag = problem.Name;
    Console.WriteLine();
    Console.WriteLine($"=== Variant {tag}: {problem.Description}");
    Console.Write(problem.Ansatz.Draw());
    Console.WriteLine("(the drawing numbers parameters from 0: θ0 and θ1 there are θ1 and θ2 here)");

    // 1. Gradient sweeps (paper Fig. 4a, b).
    var sweep1 = GradientSweep.Run(d, 0);
    var sweep2 = GradientSweep.Run(d, 1);
    var sweeps = sweep1.Concat(sweep2).ToList();
    CsvWriter.Write(Path.Combine(output, $"gradients-{tag}.csv"),
        new[] { "parameter", "angle", "closed_form", "ht", "hst", "fd2_step1", "fd4_step1" },
        sweeps.Select(r => new object[] { $"theta{r.Parameter + 1}", r.Angle, r.Analytic, r.HadamardTest, r.HilbertSchmidt, r.TwoPoint, r.FourPoint }));
    Console.WriteLine();
    Console.WriteLine($"dC/dθ1 against θ1 at θ2 = π, and dC/dθ2 against θ2 at θ1 = 1 ({sweep1.Count} angles each; every 11th shown):");
    Console.WriteLine($"{"",-7}{"angle",8}{"closed form",14}{"HT",14}{"HST",14}{"FD2 h=1",14}{"FD4 h=1",14}");
    foreach (var r in sweeps.Where((_, i) => i % 11 == 0))
        Console.WriteLine($"{"dC/dθ" + (r.Parameter + 1),-7}{r.Angle,8:F4}{r.Analytic,14:F8}{r.HadamardTest,14:F8}{r.HilbertSchmidt,14:F8}{r.TwoPoint,14:F8}{r.FourPoint,14:F8}");
    double htError = sweeps.Max(r => Math.Abs(r.HadamardTest - r.Analytic));
    double hstError = sweeps.Max(r => Math.Abs(r.HilbertSchmidt - r.Analytic));
    var nonZero = sweeps.Where(r => Math.Abs(r.Analytic) > 1e-3).ToList();
    Console.WriteLine($"max |HT - closed form| = {htError:0.0E+00}, max |HST - closed form| = {hstError:0.0E+00} (exact: both ≤ 1e-12)");
    Console.WriteLine($"peak |dC/dθ1| = {sweep1.Max(r => Math.Abs(r.Analytic)):F4} (dC/dθ1 at θ1 = 0: {sweep1[0].Analytic:F4}), peak |dC/dθ2| = {sweep2.Max(r => Math.Abs(r.Analytic)):F4}");
    Console.WriteLine($"FD2/closed form = {nonZero.Min(r => r.TwoPoint / r.Analytic):F6} .. {nonZero.Max(r => r.TwoPoint / r.Analytic):F6} (sin 1 = {Math.Sin(1):F6}), " +
                      $"FD4/closed form = {nonZero.Min(r => r.FourPoint / r.Analytic):F6} .. {nonZero.Max(r => r.FourPoint / r.Analytic):F6} ((8 sin 1 - sin 2)/6 = {(8 * Math.Sin(1) - Math.Sin(2)) / 6:F6})");
    ok &= htError <= 1e-12 && hstError <= 1e-12;

    // 2. Mean squared error against the step size, exact (paper Fig. 4c, d), then with shots.
    const int steps = StepSizeStudy.DefaultSteps, points = StepSizeStudy.DefaultPoints;
    var mse = StepSizeStudy.Run(d, StepSizeStudy.LinearSteps(steps), points);
    MseTable.Write(Path.Combine(output, $"mse-{tag}.csv"), mse.Select(r => (0, r)));
    var fig4 = FigureFile.Save(Figures.Fig4(problem, sweep1, sweep2, mse), columns: 2, Path.Combine(output, $"fig4-{tag}"));
    Console.WriteLine();
    Console.WriteLine($"Mean squared error against the closed form vs step size h ({steps} steps from {StepSizeStudy.MinStep} to 0.99π, {points} fresh random points each, seed {StepSizeStudy.DefaultSeed}; every 11th step shown):");
    MseTable.Print(mse);
    Console.WriteLine($"largest MSE: HT {mse.Max(r => r.HadamardTest.Mean):0.0E+00}, HST {mse.Max(r => r.HilbertSchmidt.Mean):0.0E+00}, HST(s=h) {mse.Max(r => r.HilbertSchmidtShiftStep.Mean):0.0E+00} (rounding); " +
                      $"FD2 {mse.Min(r => r.TwoPoint.Mean):0.0E+00} .. {mse.Max(r => r.TwoPoint.Mean):0.0E+00}, FD4 {mse.Min(r => r.FourPoint.Mean):0.0E+00} .. {mse.Max(r => r.FourPoint.Mean):0.0E+00}");
    ok &= mse.All(r => r.HadamardTest.Mean < 1e-26 && r.HilbertSchmidt.Mean < 1e-26 && r.HilbertSchmidtShiftStep.Mean < 1e-26);

    var shotStudies = MseTable.ShotCounts.Select(n => (Shots: n, Rows: StepSizeStudy.Run(d, StepSizeStudy.LogSteps(StepSizeStudy.ShotSteps), points, shots: n))).ToList();
    MseTable.Write(Path.Combine(output, $"mse-shots-{tag}.csv"), shotStudies.SelectMany(s => s.Rows.Select(r => (s.Shots, r))));
    var shotFigure = FigureFile.Save(Figures.ShotMse(problem, shotStudies.Select(s => (s.Shots, (IReadOnlyList<StepSizePoint>)s.Rows)).ToList()),
        columns: 2, Path.Combine(output, $"mse-shots-{tag}"));
    foreach (var (shots, rows) in shotStudies)
    {
        Console.WriteLine();
        Console.WriteLine($"With {shots:N0} shots per circuit ({StepSizeStudy.ShotSteps} log-spaced steps from {StepSizeStudy.MinStep} to 0.99π, {points} fresh points each; every 4th step shown):");
        MseTable.Print(rows, every: 4);
        foreach (int j in new[] { 0, 1 })
        {
            var p = rows.Where(r => r.Parameter == j).ToList();
            double zHt = StepSizeStudy.UnbiasedZScore(p, r => r.HadamardTest), zHst = StepSizeStudy.UnbiasedZScore(p, r => r.HilbertSchmidt);
            Console.WriteLine($"dC/dθ{j + 1}: HT MSE {p.Min(r => r.HadamardTest.Mean):0.00E+00} .. {p.Max(r => r.HadamardTest.Mean):0.00E+00} (mean {p.Average(r => r.HadamardTest.Mean):0.00E+00}, " +
                              $"its reported variance {p.Average(r => r.HadamardTest.MeanReportedVariance):0.00E+00}, z = {zHt:F2}); " +
                              $"HST MSE {p.Min(r => r.HilbertSchmidt.Mean):0.00E+00} .. {p.Max(r => r.HilbertSchmidt.Mean):0.00E+00} (mean {p.Average(r => r.HilbertSchmidt.Mean):0.00E+00}, z = {zHst:F2}); " +
                              $"at h = {p[0].Step}: FD2 {p[0].TwoPoint.Mean:0.00E+00}, FD4 {p[0].FourPoint.Mean:0.00E+00}, HST(s=h) {p[0].HilbertSchmidtShiftStep.Mean:0.00E+00}");
            ok &= Math.Abs(zHt) < 4 && Math.Abs(zHst) < 4 && p[0].TwoPoint.Mean > 100 * p.Max(r => Math.Max(r.HadamardTest.Mean, r.HilbertSchmidt.Mean));
        }
    }

    // 3. Shots at one point.
    shotRows.AddRange(ShotStudy.Run(d));

    // 4. Training with the exact gradient, against the lowest reachable cost.
    Console.WriteLine();
    var (gridCost, gridTheta) = Training.GridMinimum(d);
    Console.WriteLine($"Lowest cost: closed form {problem.LowestCost:F12} at θ = ({problem.Minimizer[0]:F4}, {problem.Minimizer[1]:F4}); " +
                      $"simulated on a 180x180 grid of [0, 2π)²: {gridCost:F12} at θ = ({gridTheta[0]:F4}, {gridTheta[1]:F4})");
    var runs = new[] { Training.Run(d, "HST"), Training.Run(d, "HT") };
    CsvWriter.Write(Path.Combine(output, $"training-{tag}.csv"), new[] { "iteration", "cost_hst_training", "cost_ht_training" },
        Enumerable.Range(0, runs.Max(r => r.Costs.Count)).Select(i => new object[] { i, runs[0].Costs[Math.Min(i, runs[0].Iterations)], runs[1].Costs[Math.Min(i, runs[1].Iterations)] }));
    var training = FigureFile.Save(new[] { Figures.TrainingCurves(problem, runs) }, columns: 1, Path.Combine(output, $"training-{tag}"), panelWidth: 900);
    foreach (var run in runs)
    {
        double gap = run.FinalCost - problem.LowestCost;
        Console.WriteLine($"Gradient descent (η = {Training.LearningRate}) with the {run.Method} gradient from θ = ({Training.Start[0]}, {Training.Start[1]}): {run.Iterations} steps, " +
                          $"final cost {run.FinalCost:F12} at θ = ({run.Theta[0]:F6}, {run.Theta[1]:F6}), final - lowest = {gap:0.0E+00}, |gradient| = {run.FinalGradientNorm:0.0E+00}");
        ok &= Math.Abs(gap) < 1e-9 && Math.Abs(gridCost - problem.LowestCost) < 1e-12;
    }
    Console.WriteLine($"Figures: {Path.GetFileName(fig4.Png)}, {Path.GetFileName(shotFigure.Png)}, {Path.GetFileName(training.Png)} (and .svg)");
}

// 3. The shots table.
CsvWriter.Write(Path.Combine(output, "shots.csv"),
    new[] { "variant", "shots_per_circuit", "parameter", "method", "estimate", "standard_error", "closed_form", "bias", "abs_bias_over_se", "step_bias" },
    shotRows.Select(r => new object[] { r.Variant, r.Shots, $"theta{r.Parameter + 1}", r.Method, r.Estimate, r.StandardError, r.Exact, r.Bias, r.BiasInStandardErrors, r.StepBias }));
Console.WriteLine();
Console.WriteLine($"=== Shots: gradient at θ = ({ShotStudy.Point[0]}, {ShotStudy.Point[1]}), FD step {ShotStudy.FiniteDifferenceStep}; HT error by the delta method, FD error through the stencil");
Console.WriteLine($"{"variant",-8}{"shots",9}{"",-8}{"method",-7}{"estimate",13}{"SE",11}{"bias",13}{"|bias|/SE",11}{"step bias",13}");
foreach (var r in shotRows.OrderBy(r => r.Variant).ThenBy(r => r.Parameter).ThenBy(r => r.Shots))
    Console.WriteLine($"{r.Variant,-8}{r.Shots,9}{" dC/dθ" + (r.Parameter + 1),-8}{r.Method,-7}{r.Estimate,13:F6}{r.StandardError,11:F6}{r.Bias,13:F6}{r.BiasInStandardErrors,11:F2}{r.StepBias,13:F6}");
Console.WriteLine("(step bias: the bias of the method without shot noise, (sin h/h - 1)·exact for FD2, ((8 sin h - sin 2h)/6h - 1)·exact for FD4)");
var worst = shotRows.Where(r => r.IsExactMethod).Max(r => r.BiasInStandardErrors);
Console.WriteLine($"HT and HST: largest |bias|/SE = {worst:F2} (must be < 4). FD at 100,000 shots: |bias|/SE = " +
                  string.Join(", ", shotRows.Where(r => !r.IsExactMethod && r.Shots == 100_000).Select(r => $"{r.Variant}/{r.Method}/θ{r.Parameter + 1} {r.BiasInStandardErrors:F1}")));
ok &= worst < 4;

Console.WriteLine();
Console.WriteLine(ok ? "All checks passed." : "A CHECK FAILED (see above).");
Console.WriteLine($"Wrote fig4-*, mse-shots-*, training-* (.png, .svg) and gradients-*, mse-*, mse-shots-*, training-*, shots (.csv) to {Path.GetFullPath(output)} in {clock.Elapsed.TotalSeconds:F1} s");
return ok ? 0 : 1;
