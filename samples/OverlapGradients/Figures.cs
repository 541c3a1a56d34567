using System;
using System.Collections.Generic;
using System.Linq;

namespace OverlapGradients;

/// <summary>The sample's figures: the gradient sweeps (paper Fig. 4a, b) and the MSE against the step size (Fig. 4c, d).</summary>
public static class Figures
{
    /// <summary>Values below this are drawn on it on the log axes (the CSV keeps the raw values).</summary>
    public const double MseFloor = 1e-32;

    private const string Black = "#222222", Blue = "#1f77b4", Red = "#d62728", Green = "#2ca02c", Purple = "#9467bd";

    public static string GradientSweeps(PaperProblem problem, IReadOnlyList<SweepPoint> theta1, IReadOnlyList<SweepPoint> theta2) =>
        SvgPlot.Render($"Variant {problem.Name}: ∂C/∂θ by each method (finite-difference step 1)",
            new[]
            {
                SweepPanel($"∂C/∂θ1 at θ2 = π", "θ1", "∂C/∂θ1", theta1),
                SweepPanel($"∂C/∂θ2 at θ1 = 1", "θ2", "∂C/∂θ2", theta2),
            },
            $"{problem.Description}. HT and HST lie on the closed form; FD2 and FD4 are scaled by sin(1)/1 and (8 sin 1 − sin 2)/6.");

    public static string StepSizeErrors(PaperProblem problem, IReadOnlyList<StepSizePoint> rows, int points) =>
        SvgPlot.Render($"Variant {problem.Name}: mean squared error against the closed form vs step size h",
            new[] { MsePanel("∂C/∂θ1", rows.Where(r => r.Parameter == 0).ToList()), MsePanel("∂C/∂θ2", rows.Where(r => r.Parameter == 1).ToList()) },
            $"{points} random points θ ∈ [0, 2π)², fixed seed. h = FD step and HST shift; HT has no step. MSE below 1e−32 (zero or rounding) is drawn at 1e−32.");

    /// <summary>The training curves: C - (lowest cost) per step on a log axis, values below 1e-17 drawn at 1e-17.</summary>
    public static string TrainingCurves(PaperProblem problem, IReadOnlyList<TrainingRun> runs)
    {
        var colors = new[] { Red, Blue };
        var markers = new[] { Marker.Square, Marker.Circle };
        var series = runs.Select((run, i) => new PlotSeries($"{run.Method} gradient", Enumerable.Range(0, run.Costs.Count).Select(k => (double)k).ToArray(),
            run.Costs.Select(c => c - problem.LowestCost).ToArray(), colors[i % 2], markers[i % 2], Line: true, Every: 5, Offset: 2 * i)).ToArray();
        return SvgPlot.Render($"Variant {problem.Name}: gradient descent (η = {Training.LearningRate}) with exact gradients",
            new[] { new PlotPanel($"cost above the lowest reachable cost C_min = {problem.LowestCost}", "step", "C − C_min", series, AxisScale.Log, LogFloor: 1e-17) },
            $"Start θ = ({Training.Start[0]}, {Training.Start[1]}); C_min from the closed form and a 180×180 grid of the simulated cost. Values below 1e−17 are drawn at 1e−17.",
            panelWidth: 900);
    }

    private static PlotPanel SweepPanel(string title, string xLabel, string yLabel, IReadOnlyList<SweepPoint> rows)
    {
        var x = rows.Select(r => r.Angle).ToArray();
        return new PlotPanel(title, xLabel, yLabel, new[]
        {
            new PlotSeries("closed form", x, rows.Select(r => r.Analytic).ToArray(), Black, Line: true),
            new PlotSeries("HT", x, rows.Select(r => r.HadamardTest).ToArray(), Blue, Marker.Circle, Every: 4),
            new PlotSeries("HST", x, rows.Select(r => r.HilbertSchmidt).ToArray(), Red, Marker.Square, Every: 4),
            new PlotSeries("FD2 (h = 1)", x, rows.Select(r => r.TwoPoint).ToArray(), Green, Marker.Triangle, Every: 4, Offset: 2),
            new PlotSeries("FD4 (h = 1)", x, rows.Select(r => r.FourPoint).ToArray(), Purple, Marker.Diamond, Every: 4, Offset: 2),
        }, XInPi: true);
    }

    private static PlotPanel MsePanel(string derivative, IReadOnlyList<StepSizePoint> rows)
    {
        var h = rows.Select(r => r.Step).ToArray();
        int every = Math.Max(1, rows.Count / 12);
        return new PlotPanel($"MSE of {derivative}", "step size h", "mean squared error", new[]
        {
            new PlotSeries("HT", h, rows.Select(r => r.HadamardTest).ToArray(), Blue, Marker.Circle, Line: true, Every: every),
            new PlotSeries("HST (shift h)", h, rows.Select(r => r.HilbertSchmidt).ToArray(), Red, Marker.Square, Line: true, Every: every, Offset: every / 2),
            new PlotSeries("FD2", h, rows.Select(r => r.TwoPoint).ToArray(), Green, Marker.Triangle, Line: true, Every: every),
            new PlotSeries("FD4", h, rows.Select(r => r.FourPoint).ToArray(), Purple, Marker.Diamond, Line: true, Every: every),
        }, AxisScale.Log, XInPi: true, LogFloor: MseFloor);
    }
}
