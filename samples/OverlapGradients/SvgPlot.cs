using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OverlapGradients;

public enum AxisScale { Linear, Log }

public enum Marker { None, Circle, Square, Triangle, Diamond }

/// <summary>
/// One data series. <paramref name="Every"/> and <paramref name="Offset"/> thin out markers (every n-th
/// point starting at the offset) so that methods that coincide stay distinguishable; lines use every point.
/// </summary>
public sealed record PlotSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Color,
    Marker Marker = Marker.None, bool Line = false, int Every = 1, int Offset = 0);

/// <summary>
/// One panel. <paramref name="XInPi"/> puts x ticks at multiples of π/4 or π/2. On a log y axis every value
/// below <paramref name="LogFloor"/> (including zero) is drawn at the floor.
/// </summary>
public sealed record PlotPanel(string Title, string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series,
    AxisScale YScale = AxisScale.Linear, bool XInPi = false, double LogFloor = 1e-32);

/// <summary>A small hand-written SVG plotter: panels side by side, one shared legend, an optional footnote.</summary>
public static class SvgPlot
{
    private const double PanelHeight = 390, TitleHeight = 34, LegendHeight = 34, FootnoteHeight = 22;
    private const double Left = 84, Right = 18, Top = 30, Bottom = 54;
    private const string Font = "DejaVu Sans, Arial, Helvetica, sans-serif";

    public static string Render(string title, IReadOnlyList<PlotPanel> panels, string? footnote = null, double panelWidth = 500)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (panels is null || panels.Count == 0) throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        double width = panelWidth * panels.Count;
        double height = TitleHeight + PanelHeight + LegendHeight + (footnote is null ? 0 : FootnoteHeight);
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{Font}\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Text(width / 2, 23, title, 17, "middle", bold: true));
        for (int p = 0; p < panels.Count; p++) DrawPanel(svg, panels[p], p, p * panelWidth, panelWidth, TitleHeight);
        DrawLegend(svg, panels.SelectMany(p => p.Series).GroupBy(s => s.Label).Select(g => g.First()).ToList(), width, TitleHeight + PanelHeight);
        if (footnote is not null) svg.Append(Text(width / 2, TitleHeight + PanelHeight + LegendHeight + 14, footnote, 11.5, "middle", color: "#444"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void DrawPanel(StringBuilder svg, PlotPanel panel, int index, double x0, double panelWidth, double y0)
    {
        double left = x0 + Left, top = y0 + Top, w = panelWidth - Left - Right, h = PanelHeight - Top - Bottom;
        var xs = panel.Series.SelectMany(s => s.X).ToArray();
        var ys = panel.Series.SelectMany(s => s.Y).ToArray();
        var xAxis = panel.XInPi ? Axis.Pi(xs.Min(), xs.Max()) : Axis.Linear(xs.Min(), xs.Max());
        var yAxis = panel.YScale == AxisScale.Log ? Axis.Log(ys.Select(v => Math.Max(v, panel.LogFloor)), panel.LogFloor) : Axis.Linear(ys.Min(), ys.Max());
        double X(double v) => left + w * (xAxis.Map(v) - xAxis.Low) / (xAxis.High - xAxis.Low);
        double Y(double v) => top + h * (1 - (yAxis.Map(Math.Max(v, panel.YScale == AxisScale.Log ? panel.LogFloor : double.NegativeInfinity)) - yAxis.Low) / (yAxis.High - yAxis.Low));

        svg.Append(Text(x0 + Left + w / 2, y0 + 19, panel.Title, 14, "middle", bold: true));
        // Grid and ticks.
        foreach (var (value, label) in xAxis.Ticks)
        {
            double x = X(value);
            svg.Append(F($"<line x1=\"{x:0.##}\" y1=\"{top:0.##}\" x2=\"{x:0.##}\" y2=\"{top + h:0.##}\" stroke=\"#e6e6e6\"/>\n"));
            svg.Append(F($"<line x1=\"{x:0.##}\" y1=\"{top + h:0.##}\" x2=\"{x:0.##}\" y2=\"{top + h + 5:0.##}\" stroke=\"black\"/>\n"));
            svg.Append(Text(x, top + h + 20, label, 12.5, "middle"));
        }
        foreach (var (value, label) in yAxis.Ticks)
        {
            double y = yAxis.IsLog ? top + h * (1 - (value - yAxis.Low) / (yAxis.High - yAxis.Low)) : Y(value);
            svg.Append(F($"<line x1=\"{left:0.##}\" y1=\"{y:0.##}\" x2=\"{left + w:0.##}\" y2=\"{y:0.##}\" stroke=\"#e6e6e6\"/>\n"));
            svg.Append(F($"<line x1=\"{left - 5:0.##}\" y1=\"{y:0.##}\" x2=\"{left:0.##}\" y2=\"{y:0.##}\" stroke=\"black\"/>\n"));
            svg.Append(yAxis.IsLog ? PowerOfTen(left - 8, y + 4, (int)Math.Round(value)) : Text(left - 8, y + 4, label, 12.5, "end"));
        }
        if (!yAxis.IsLog && yAxis.Low < 0 && yAxis.High > 0)
            svg.Append(F($"<line x1=\"{left:0.##}\" y1=\"{Y(0):0.##}\" x2=\"{left + w:0.##}\" y2=\"{Y(0):0.##}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"));

        // Data, clipped to the plot area (markers may overhang by their radius).
        string clip = $"plot-area-{index}";
        svg.Append(F($"<clipPath id=\"{clip}\"><rect x=\"{left - 6:0.##}\" y=\"{top - 6:0.##}\" width=\"{w + 12:0.##}\" height=\"{h + 12:0.##}\"/></clipPath>\n"));
        svg.Append($"<g clip-path=\"url(#{clip})\">\n");
        foreach (var s in panel.Series)
        {
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"Series '{s.Label}' has {s.X.Count} x values and {s.Y.Count} y values.");
            if (s.Line)
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2.2\" points=\"{string.Join(' ', Enumerable.Range(0, s.X.Count).Select(i => F($"{X(s.X[i]):0.##},{Y(s.Y[i]):0.##}")))}\"/>\n"));
            if (s.Marker != Marker.None)
                for (int i = s.Offset; i < s.X.Count; i += Math.Max(1, s.Every))
                    svg.Append(MarkerAt(s.Marker, X(s.X[i]), Y(s.Y[i]), s.Color));
        }
        svg.Append("</g>\n");
        svg.Append(F($"<rect x=\"{left:0.##}\" y=\"{top:0.##}\" width=\"{w:0.##}\" height=\"{h:0.##}\" fill=\"none\" stroke=\"black\"/>\n"));
        svg.Append(Text(left + w / 2, top + h + 44, panel.XLabel, 13.5, "middle"));
        double ly = top + h / 2, lx = x0 + 18;
        svg.Append(F($"<text x=\"{lx:0.##}\" y=\"{ly:0.##}\" font-size=\"13.5\" text-anchor=\"middle\" transform=\"rotate(-90 {lx:0.##} {ly:0.##})\">{Escape(panel.YLabel)}</text>\n"));
    }

    private static void DrawLegend(StringBuilder svg, IReadOnlyList<PlotSeries> series, double width, double y0)
    {
        const double itemGap = 26, sample = 30;
        var widths = series.Select(s => sample + 8 + 7.2 * s.Label.Length).ToArray();
        double total = widths.Sum() + itemGap * (series.Count - 1);
        double x = (width - total) / 2, y = y0 + LegendHeight / 2;
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.Line) svg.Append(F($"<line x1=\"{x:0.##}\" y1=\"{y:0.##}\" x2=\"{x + sample:0.##}\" y2=\"{y:0.##}\" stroke=\"{s.Color}\" stroke-width=\"2.2\"/>\n"));
            if (s.Marker != Marker.None) svg.Append(MarkerAt(s.Marker, x + sample / 2, y, s.Color));
            svg.Append(Text(x + sample + 8, y + 4.5, s.Label, 13, "start"));
            x += widths[i] + itemGap;
        }
    }

    private static string MarkerAt(Marker marker, double x, double y, string color) => marker switch
    {
        Marker.Circle => F($"<circle cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"5.5\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\"/>\n"),
        Marker.Square => F($"<rect x=\"{x - 2.8:0.##}\" y=\"{y - 2.8:0.##}\" width=\"5.6\" height=\"5.6\" fill=\"{color}\"/>\n"),
        Marker.Triangle => F($"<polygon points=\"{x:0.##},{y - 5.5:0.##} {x + 5:0.##},{y + 3.5:0.##} {x - 5:0.##},{y + 3.5:0.##}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"/>\n"),
        Marker.Diamond => F($"<polygon points=\"{x:0.##},{y - 5.5:0.##} {x + 5:0.##},{y:0.##} {x:0.##},{y + 5.5:0.##} {x - 5:0.##},{y:0.##}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"/>\n"),
        _ => "",
    };

    private static string PowerOfTen(double x, double y, int exponent) =>
        F($"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"12.5\" text-anchor=\"end\">10<tspan dy=\"-6\" font-size=\"9.5\">{exponent.ToString(CultureInfo.InvariantCulture).Replace('-', '−')}</tspan></text>\n");

    private static string Text(double x, double y, string text, double size, string anchor, bool bold = false, string color = "black") =>
        F($"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"{size}\" text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : "")} fill=\"{color}\">{Escape(text)}</text>\n");

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>An axis range in drawing units (log10 of the value on a log axis) and its labelled ticks.</summary>
    private sealed record Axis(double Low, double High, bool IsLog, IReadOnlyList<(double Value, string Label)> Ticks)
    {
        public double Map(double v) => IsLog ? Math.Log10(v) : v;

        public static Axis Linear(double min, double max)
        {
            if (!(max > min)) { min -= 1; max += 1; }
            double pad = 0.05 * (max - min);
            double low = min - pad, high = max + pad;
            double step = Nice((high - low) / 6);
            int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
            var ticks = new List<(double, string)>();
            for (double t = Math.Ceiling(low / step) * step; t <= high + 1e-12 * step; t += step)
            {
                double v = Math.Abs(t) < 1e-9 * step ? 0 : t;
                ticks.Add((v, v.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('-', '−')));
            }
            return new Axis(low, high, false, ticks);
        }

        public static Axis Pi(double min, double max)
        {
            double pad = 0.02 * (max - min);
            int quarters = max - min > 1.5 * Math.PI ? 2 : 1;   // ticks every π/2, or every π/4 on short ranges
            var ticks = new List<(double, string)>();
            for (int k = (int)Math.Ceiling((min - pad) / (Math.PI / 4) / quarters) * quarters; k * Math.PI / 4 <= max + pad; k += quarters)
                ticks.Add((k * Math.PI / 4, PiLabel(k)));
            return new Axis(min - pad, max + pad, false, ticks);
        }

        public static Axis Log(IEnumerable<double> values, double floor)
        {
            var logs = values.Where(v => v > 0).Select(Math.Log10).DefaultIfEmpty(Math.Log10(floor)).ToArray();
            int low = (int)Math.Floor(logs.Min()), high = (int)Math.Ceiling(logs.Max());
            if (high == low) high++;
            int every = Math.Max(1, (int)Math.Ceiling((high - low) / 8.0));
            low = (int)Math.Floor(low / (double)every) * every;
            high = (int)Math.Ceiling(high / (double)every) * every;
            var ticks = new List<(double, string)>();
            for (int e = low; e <= high; e += every) ticks.Add((e, $"1e{e}"));
            double pad = 0.03 * (high - low);   // keeps points on the floor or the top decade off the frame
            return new Axis(low - pad, high + pad, true, ticks);
        }

        private static double Nice(double raw)
        {
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double f = raw / magnitude;
            return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
        }

        private static string PiLabel(int quarters)
        {
            if (quarters == 0) return "0";
            int g = Gcd(Math.Abs(quarters), 4), n = quarters / g, d = 4 / g;
            string num = n == 1 ? "π" : n == -1 ? "−π" : $"{n}π".Replace('-', '−');
            return d == 1 ? num : $"{num}/{d}";
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }
}
