using System;
using System.Collections.Generic;
using ScottPlot;
using SkiaSharp;

namespace OverlapGradients;

/// <summary>Writes ScottPlot panels laid out on a grid as one figure, in PNG and in SVG.</summary>
public static class FigureFile
{
    /// <summary>
    /// Lays <paramref name="panels"/> out row by row, <paramref name="columns"/> to a row, each
    /// <paramref name="panelWidth"/> × <paramref name="panelHeight"/> pixels, and writes <c>{path}.png</c> and
    /// <c>{path}.svg</c>. Returns the two paths.
    /// </summary>
    public static (string Png, string Svg) Save(IReadOnlyList<Plot> panels, int columns, string path, int panelWidth = 640, int panelHeight = 440)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (panels.Count == 0) throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "At least one column.");
        int cols = Math.Min(columns, panels.Count), rows = (panels.Count + cols - 1) / cols;
        int width = cols * panelWidth, height = rows * panelHeight;

        var figure = new Multiplot();
        while (figure.Count() > 0) figure.RemovePlot(figure.GetPlot(0));
        foreach (var panel in panels) figure.AddPlot(panel);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, cols);

        string png = path + ".png", svg = path + ".svg";
        figure.SavePng(png, width, height);
        // ScottPlot saves a multiplot as PNG only; its SVG comes from rendering onto SkiaSharp's SVG canvas.
        using (var stream = new SKFileWStream(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            figure.Render(canvas, new PixelRect(new PixelSize(width, height)));
        return (png, svg);
    }
}
