using System;
using System.IO;
using System.Linq;
using ExactGrad.Samples;
using ScottPlot;

namespace TrainingPlot;

/// <summary>A training curve as a ScottPlot figure: the cost on the left axis, |gradient| on a log right axis, validation as markers.</summary>
public static class TrainingCurvePlot
{
    /// <summary>The figure of <paramref name="curve"/>.</summary>
    public static Plot Create(TrainingCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = new Plot();
        var first = curve.Checkpoints[0];
        var last = curve.Checkpoints[^1];
        plot.Title($"run '{curve.RunId}' on {(first.Backend.Length > 0 ? first.Backend : "an unnamed backend")}: {curve.Checkpoints.Count} checkpoints, steps {first.Step} to {last.Step}"
            + (curve.StopReason is { } reason ? $"\nstopped: {reason}" : ""), size: 15);
        plot.XLabel("step", size: 14);
        plot.YLabel("cost", size: 14);

        var steps = curve.Steps;
        var cost = Finite(steps, curve.Costs);
        var costLine = plot.Add.Scatter(cost.X, cost.Y, Color.FromHex("#1f77b4"));
        costLine.LegendText = "cost";
        costLine.LineWidth = 2;
        costLine.MarkerSize = curve.Checkpoints.Count <= 60 ? 5 : 0;

        var validated = curve.Checkpoints.Where(c => c.Validation is { } v && double.IsFinite(v)).ToArray();
        if (validated.Length > 0)
        {
            var validation = plot.Add.ScatterPoints(validated.Select(c => (double)c.Step).ToArray(), validated.Select(c => c.Validation!.Value).ToArray(), Color.FromHex("#2ca02c"));
            validation.LegendText = "validation (last evaluated)";
            validation.MarkerShape = MarkerShape.OpenCircle;
            validation.MarkerSize = 7;
        }

        // |gradient| spans decades: log10 on the right axis. A zero norm (no gradient stored) has no logarithm and is left out.
        var norms = curve.GradientNorms;
        var positive = Enumerable.Range(0, norms.Length).Where(i => norms[i] > 0 && double.IsFinite(norms[i])).ToArray();
        if (positive.Length > 0)
        {
            var gradient = plot.Add.Scatter(positive.Select(i => steps[i]).ToArray(), positive.Select(i => Math.Log10(norms[i])).ToArray(), Color.FromHex("#d62728"));
            gradient.LegendText = "|gradient| (right axis)";
            gradient.LineWidth = 1.5f;
            gradient.LinePattern = LinePattern.Dashed;
            gradient.MarkerSize = 0;
            gradient.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "|gradient|";
            plot.Axes.Right.Label.FontSize = 14;
            plot.Axes.Right.TickGenerator = LogAxis.Decades();
        }
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Writes the figure as PNG or SVG, by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public static void Save(TrainingCurve curve, string path, int width = 1000, int height = 560)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
            throw new ArgumentException($"Cannot write '{path}': the figure is written as .png or .svg, not '{extension}'.", nameof(path));
        var plot = Create(curve);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        if (extension == ".png") plot.SavePng(path, width, height);
        else plot.SaveSvg(path, width, height);
    }

    private static (double[] X, double[] Y) Finite(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, y.Length).Where(i => double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }
}
