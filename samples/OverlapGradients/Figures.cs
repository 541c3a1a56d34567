using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Samples;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace OverlapGradients;

/// <summary>
/// The sample's figures as ScottPlot panels: the paper's Fig. 4 (gradient sweeps, then the MSE against the step
/// size on linear axes with the published band, ±(√MSE + MSE) around zero), the same MSE with shots on log axes
/// (band: ±1 standard error of the MSE), and the training curves.
/// Colours follow the authors' plotting scripts: two-point blue, four-point orange, HT green, HST red.
/// </summary>
public static class Figures
{
    /// <summary>Values below this are drawn on it on the training figure's log axis (the CSV keeps the raw values).</summary>
    public const double LogFloor = 1e-17;

    private static readonly Color Black = Color.FromHex("#222222"), TwoPoint = Color.FromHex("#1f77b4"), FourPoint = Color.FromHex("#ff7f0e"),
        Hadamard = Color.FromHex("#2ca02c"), HilbertSchmidt = Color.FromHex("#d62728"), ShiftStep = Color.FromHex("#9467bd");

    /// <summary>Fig. 4: (a) ∂C/∂θ1 against θ1 at θ2 = π, (b) ∂C/∂θ2 against θ2 at θ1 = 1, (c, d) their MSE against the step size.</summary>
    public static Plot[] Fig4(PaperProblem problem, IReadOnlyList<SweepPoint> theta1, IReadOnlyList<SweepPoint> theta2, IReadOnlyList<StepSizePoint> mse)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(mse);
        return new[]
        {
            SweepPanel($"(a) variant {problem.Name}: ∂C/∂θ1 at θ2 = π", "θ1", "∂C/∂θ1", theta1, Alignment.LowerLeft),
            SweepPanel($"(b) variant {problem.Name}: ∂C/∂θ2 at θ1 = 1", "θ2", "∂C/∂θ2", theta2, Alignment.LowerRight),
            MsePanel($"(c) MSE of ∂C/∂θ1, exact simulator", Rows(mse, 0), logAxes: false),
            MsePanel($"(d) MSE of ∂C/∂θ2, exact simulator", Rows(mse, 1), logAxes: false),
        };
    }

    /// <summary>The MSE against the step size with shots, on log axes: one row of panels (θ1, θ2) per shot count.</summary>
    public static Plot[] ShotMse(PaperProblem problem, IReadOnlyList<(int Shots, IReadOnlyList<StepSizePoint> Rows)> studies)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(studies);
        return studies.SelectMany(s => new[] { 0, 1 }.Select(j =>
            MsePanel($"variant {problem.Name}: MSE of ∂C/∂θ{j + 1}, {s.Shots:N0} shots per circuit", Rows(s.Rows, j), logAxes: true))).ToArray();
    }

    /// <summary>The training curves: C - (lowest cost) per step on a log axis, values below <see cref="LogFloor"/> drawn on it.</summary>
    public static Plot TrainingCurves(PaperProblem problem, IReadOnlyList<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(runs);
        var plot = NewPanel($"variant {problem.Name}: gradient descent (η = {Training.LearningRate}) from θ = ({Training.Start[0]}, {Training.Start[1]})",
            "step", "C − C_min");
        var colors = new[] { HilbertSchmidt, Hadamard };
        var shapes = new[] { MarkerShape.OpenSquare, MarkerShape.OpenCircle };
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var line = plot.Add.Scatter(Enumerable.Range(0, run.Costs.Count).Select(k => (double)k).ToArray(),
                run.Costs.Select(c => Math.Log10(Math.Max(c - problem.LowestCost, LogFloor))).ToArray(), colors[i % 2]);
            line.LegendText = $"{run.Method} gradient";
            line.LineWidth = 2;
            line.MarkerShape = shapes[i % 2];
            line.MarkerSize = 5;
            if (i % 2 == 1) line.LinePattern = LinePattern.Dashed;   // the two exact gradients give the same curve
        }
        plot.Axes.Left.TickGenerator = LogAxis.Decades();
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static IReadOnlyList<StepSizePoint> Rows(IReadOnlyList<StepSizePoint> rows, int parameter) => rows.Where(r => r.Parameter == parameter).ToList();

    private static Plot SweepPanel(string title, string xLabel, string yLabel, IReadOnlyList<SweepPoint> rows, Alignment legend)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = NewPanel(title, xLabel, yLabel);
        var x = rows.Select(r => r.Angle).ToArray();
        var exact = plot.Add.Scatter(x, rows.Select(r => r.Analytic).ToArray(), Black);
        exact.LegendText = "closed form";
        exact.LineWidth = 2;
        exact.MarkerSize = 0;
        Markers(plot, x, rows.Select(r => r.HadamardTest).ToArray(), "HT (shift π)", Hadamard, MarkerShape.OpenCircle, 0);
        Markers(plot, x, rows.Select(r => r.HilbertSchmidt).ToArray(), "HST (shift π/2)", HilbertSchmidt, MarkerShape.Cross, 2);
        Markers(plot, x, rows.Select(r => r.TwoPoint).ToArray(), "two-point FD (h = 1)", TwoPoint, MarkerShape.OpenTriangleUp, 0);
        Markers(plot, x, rows.Select(r => r.FourPoint).ToArray(), "four-point FD (h = 1)", FourPoint, MarkerShape.OpenDiamond, 2);
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            new[] { 0, Math.PI / 2, Math.PI, 1.5 * Math.PI, 2 * Math.PI }, new[] { "0", "π/2", "π", "3π/2", "2π" });
        plot.ShowLegend(legend);
        return plot;
    }

    /// <summary>Every fourth point as a marker (from <paramref name="offset"/>), so overlapping methods stay apart.</summary>
    private static void Markers(Plot plot, double[] x, double[] y, string label, Color color, MarkerShape shape, int offset)
    {
        var picked = Enumerable.Range(0, x.Length).Where(i => i % 4 == offset).ToArray();
        var markers = plot.Add.ScatterPoints(picked.Select(i => x[i]).ToArray(), picked.Select(i => y[i]).ToArray(), color);
        markers.LegendText = label;
        markers.MarkerShape = shape;
        markers.MarkerSize = 7;
        markers.MarkerLineWidth = 1.5f;
    }

    /// <summary>
    /// The MSE panel: linear axes with the published figure's band, ±(√MSE + MSE) around zero (the gradient's
    /// root-mean-square error, so the band is the spread of the estimates); or log axes with a ±1 standard error
    /// band and the step-following HST as an extra dashed line, for the study with shots, where the finite
    /// differences' 1/h² growth spans decades.
    /// </summary>
    private static Plot MsePanel(string title, IReadOnlyList<StepSizePoint> rows, bool logAxes)
    {
        var plot = NewPanel(title, "step size h", "mean squared error");
        Func<double, double> axis = logAxes ? Math.Log10 : v => v;
        Func<MseEstimate, (double Low, double Mid, double High)> band = logAxes
            ? e => (axis(Math.Max(e.Mean - e.StandardError, e.Mean / 100)), axis(e.Mean), axis(e.Mean + e.StandardError))   // lower edge at most two decades down
            : e => (-e.PublishedBandHalfWidth, e.Mean, e.PublishedBandHalfWidth);
        var h = rows.Select(r => axis(r.Step)).ToArray();
        Band(plot, h, rows.Select(r => band(r.TwoPoint)).ToArray(), "two-point FD", TwoPoint, LinePattern.Solid);
        Band(plot, h, rows.Select(r => band(r.FourPoint)).ToArray(), "four-point FD", FourPoint, LinePattern.Solid);
        Band(plot, h, rows.Select(r => band(r.HadamardTest)).ToArray(), "HT (shift π)", Hadamard, LinePattern.Solid);
        Band(plot, h, rows.Select(r => band(r.HilbertSchmidt)).ToArray(), "HST (shift π/2)", HilbertSchmidt, LinePattern.Solid);
        if (logAxes)
        {
            Band(plot, h, rows.Select(r => band(r.HilbertSchmidtShiftStep)).ToArray(), "HST (shift h)", ShiftStep, LinePattern.Dashed);
            plot.Axes.Left.TickGenerator = LogAxis.Decades();
            plot.Axes.Bottom.TickGenerator = LogAxis.Decades();
            plot.ShowLegend(Alignment.LowerLeft);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = new NumericManual(
                new[] { 0, Math.PI / 4, Math.PI / 2, 0.75 * Math.PI, Math.PI }, new[] { "0", "π/4", "π/2", "3π/4", "π" });
            plot.ShowLegend(Alignment.UpperLeft);
        }
        return plot;
    }

    /// <summary>The MSE as a line over a shaded band (its edges already on the axis' scale).</summary>
    private static void Band(Plot plot, double[] h, (double Low, double Mid, double High)[] values, string label, Color color, LinePattern pattern)
    {
        var band = plot.Add.FillY(h, values.Select(v => v.Low).ToArray(), values.Select(v => v.High).ToArray());
        band.FillColor = color.WithAlpha(0.2);
        band.LineWidth = 0;
        var line = plot.Add.Scatter(h, values.Select(v => v.Mid).ToArray(), color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LinePattern = pattern;
    }

    private static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }
}
