using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OverlapGradients;

// Reproduces the demonstration of Urbaneja and Ho, "Exact gradient for universal cost functions in variational
// quantum algorithms" (2025), for both gate orders of the ansatz. Writes CSV and SVG files to the folder given
// as the first argument (default artifacts/overlap-gradients/) and exits non-zero if a check fails.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;
string output = args.Length > 0 ? args[0] : Path.Combine("artifacts", "overlap-gradients");
Directory.CreateDirectory(output);
bool ok = true;

Console.WriteLine("Exact gradients of C = 1 - |Tr(V†U)|²/16, target V = CNOT(0→1)·H(0) (Urbaneja and Ho, 2025)");
Console.WriteLine($"Output folder: {Path.GetFullPath(output)}");
Console.WriteLine();
Console.WriteLine(PaperData.Statement);

var shotRows = new List<ShotRow>();
foreach (var problem in PaperProblem.Both)
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
    File.WriteAllText(Path.Combine(output, $"gradients-{tag}.svg"), Figures.GradientSweeps(problem, sweep1, sweep2));
    Console.WriteLine();
    Console.WriteLine($"dC/dθ1 against θ1 at θ2 = π, and dC/dθ2 against θ2 at θ1 = 1 ({sweep1.Count} angles each; every 11th shown):");
    Console.WriteLine($"{"",-7}{"angle",8}{"closed form",14}{"HT",14}{"HST",14}{"FD2 h=1",14}{"FD4 h=1",14}");
    foreach (var r in sweeps.Where((_, i) => i % 11 == 0))
        Console.WriteLine($"{"dC/dθ" + (r.Parameter + 1),-7}{r.Angle,8:F4}{r.Analytic,14:F8}{r.HadamardTest,14:F8}{r.HilbertSchmidt,14:F8}{r.TwoPoint,14:F8}{r.FourPoint,14:F8}");
    double htError = sweeps.Max(r => Math.Abs(r.HadamardTest - r.Analytic));
    double hstError = sweeps.Max(r => Math.Abs(r.HilbertSchmidt - r.Analytic));
    var nonZero = sweeps.Where(r => Math.Abs(r.Analytic) > 1e-3).ToList();
    Console.WriteLine($"max |HT - closed form| = {htError:0.0E+00}, max |HST - closed form| = {hstError:0.0E+00} (exact: both ≤ 1e-12)");
    Console.WriteLine($"FD2/closed form = {nonZero.Min(r => r.TwoPoint / r.Analytic):F6} .. {nonZero.Max(r => r.TwoPoint / r.Analytic):F6} (sin 1 = {Math.Sin(1):F6}), " +
                      $"FD4/closed form = {nonZero.Min(r => r.FourPoint / r.Analytic):F6} .. {nonZero.Max(r => r.FourPoint / r.Analytic):F6} ((8 sin 1 - sin 2)/6 = {(8 * Math.Sin(1) - Math.Sin(2)) / 6:F6})");
    ok &= htError <= 1e-12 && hstError <= 1e-12;

    // 2. Mean squared error against the step size (paper Fig. 4c, d).
    const int mseSteps = 100, msePoints = 20;
    var mse = StepSizeStudy.Run(d, mseSteps, msePoints);
    CsvWriter.Write(Path.Combine(output, $"mse-{tag}.csv"),
        new[] { "parameter", "step", "mse_ht", "mse_hst_shift_step", "mse_fd2", "mse_fd4" },
        mse.Select(r => new object[] { $"theta{r.Parameter + 1}", r.Step, r.HadamardTest, r.HilbertSchmidt, r.TwoPoint, r.FourPoint }));
    File.WriteAllText(Path.Combine(output, $"mse-{tag}.svg"), Figures.StepSizeErrors(problem, mse, msePoints));
    Console.WriteLine();
    Console.WriteLine($"Mean squared error against the closed form vs step size h ({mseSteps} steps from 0.01 to 0.99π, {msePoints} random points, seed 2025; every 11th step shown):");
    Console.WriteLine($"{"",-7}{"h",8}{"HT",12}{"HST(s=h)",12}{"FD2",12}{"FD4",12}");
    foreach (var r in mse.Where((r, i) => (i / 2) % 11 == 0))
        Console.WriteLine($"{"dC/dθ" + (r.Parameter + 1),-7}{r.Step,8:F4}{r.HadamardTest,12:0.00E+00}{r.HilbertSchmidt,12:0.00E+00}{r.TwoPoint,12:0.00E+00}{r.FourPoint,12:0.00E+00}");
    Console.WriteLine($"largest MSE: HT {mse.Max(r => r.HadamardTest):0.0E+00}, HST {mse.Max(r => r.HilbertSchmidt):0.0E+00} (rounding); " +
                      $"FD2 {mse.Min(r => r.TwoPoint):0.0E+00} .. {mse.Max(r => r.TwoPoint):0.0E+00}, FD4 {mse.Min(r => r.FourPoint):0.0E+00} .. {mse.Max(r => r.FourPoint):0.0E+00}");

    // 3. Shots.
    shotRows.AddRange(ShotStudy.Run(d));

    // 4. Training with the exact gradient, against the lowest reachable cost.
    Console.WriteLine();
    var (gridCost, gridTheta) = Training.GridMinimum(d);
    Console.WriteLine($"Lowest cost: closed form {problem.LowestCost:F12} at θ = ({problem.Minimizer[0]:F4}, {problem.Minimizer[1]:F4}); " +
                      $"simulated on a 180x180 grid of [0, 2π)²: {gridCost:F12} at θ = ({gridTheta[0]:F4}, {gridTheta[1]:F4})");
    var runs = new[] { Training.Run(d, "HST"), Training.Run(d, "HT") };
    CsvWriter.Write(Path.Combine(output, $"training-{tag}.csv"), new[] { "iteration", "cost_hst_training", "cost_ht_training" },
        Enumerable.Range(0, runs.Max(r => r.Costs.Count)).Select(i => new object[] { i, runs[0].Costs[Math.Min(i, runs[0].Iterations)], runs[1].Costs[Math.Min(i, runs[1].Iterations)] }));
    File.WriteAllText(Path.Combine(output, $"training-{tag}.svg"), Figures.TrainingCurves(problem, runs));
    foreach (var run in runs)
    {
        double gap = run.FinalCost - problem.LowestCost;
        Console.WriteLine($"Gradient descent (η = {Training.LearningRate}) with the {run.Method} gradient from θ = ({Training.Start[0]}, {Training.Start[1]}): {run.Iterations} steps, " +
                          $"final cost {run.FinalCost:F12} at θ = ({run.Theta[0]:F6}, {run.Theta[1]:F6}), final - lowest = {gap:0.0E+00}, |gradient| = {run.FinalGradientNorm:0.0E+00}");
        ok &= Math.Abs(gap) < 1e-9 && Math.Abs(gridCost - problem.LowestCost) < 1e-12;
    }
}

// 3. The shots table, both variants.
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
Console.WriteLine($"Wrote gradients-*.csv/svg, mse-*.csv/svg, training-*.csv/svg and shots.csv to {Path.GetFullPath(output)}");
return ok ? 0 : 1;
