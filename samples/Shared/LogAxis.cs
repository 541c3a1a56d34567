using ScottPlot.TickGenerators;

namespace ExactGrad.Samples;

/// <summary>
/// ScottPlot has no log axis: the samples plot log10 of their values and label the axis with this tick generator
/// (labels 1e-k at whole decades, log-spaced minor ticks between). Linked into each sample that draws one.
/// </summary>
internal static class LogAxis
{
    public static NumericAutomatic Decades() => new()
    {
        IntegerTicksOnly = true,
        MinorTickGenerator = new LogMinorTickGenerator(),
        LabelFormatter = v => $"1e{v:0}",
    };
}
