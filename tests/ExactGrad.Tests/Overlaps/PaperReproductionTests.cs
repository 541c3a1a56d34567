using System;
using System.Linq;
using System.Numerics;
using System.Xml.Linq;
using ExactGrad.Simulation;
using OverlapGradients;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>
/// The OverlapGradients sample (Urbaneja and Ho's two-qubit compilation example, both gate orders): closed
/// forms against the simulated unitaries, HT/HST gradients against the closed forms, the finite differences'
/// known bias, shot statistics, training, and the figure writer.
/// </summary>
public class PaperReproductionTests
{
    public static TheoryData<string> Variants => new() { "A", "B" };

    private static PaperProblem Variant(string name) => name == "A" ? PaperProblem.VariantA : PaperProblem.VariantB;

    private static double SimulatedCost(PaperProblem problem, double[] theta)
    {
        var u = CircuitUnitary.Of(problem.Ansatz.Bind(theta));
        var v = CircuitUnitary.Of(PaperProblem.Target.Bind(ReadOnlySpan<double>.Empty));
        Complex trace = (v.Adjoint() * u).Trace();
        return 1 - trace.Magnitude * trace.Magnitude / 16;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ClosedFormCostAndGradientEqualTheSimulatedUnitaryTrace(string variant)
    {
        // C from Tr(V†U) of the simulated 4x4 unitaries (no Hadamard or Hilbert-Schmidt test involved); the
        // gradient against a 4-point difference of that simulated cost with a small step (error ~1e-10).
        var problem = Variant(variant);
        var random = new Random(5);
        var points = Enumerable.Range(0, 40).Select(_ => new[] { 2 * Math.PI * random.NextDouble(), 2 * Math.PI * random.NextDouble() })
            .Concat(new[] { new[] { 0.0, 0.0 }, new[] { 1.0, Math.PI }, problem.Minimizer });
        foreach (var theta in points)
        {
            Assert.Equal(SimulatedCost(problem, theta), problem.Cost(theta), 12);
            var gradient = problem.Gradient(theta);
            for (int j = 0; j < 2; j++)
            {
                double At(double h) { var t = (double[])theta.Clone(); t[j] += h; return SimulatedCost(problem, t); }
                const double h = 1e-3;
                double numeric = (-At(2 * h) + 8 * At(h) - 8 * At(-h) + At(-2 * h)) / (12 * h);
                Assert.Equal(numeric, gradient[j], 9);
            }
        }
    }

    [Fact]
    public void VariantAReachesZeroCostAndVariantBOnlyOneHalf()
    {
        Assert.Equal(0, SimulatedCost(PaperProblem.VariantA, PaperProblem.VariantA.Minimizer), 12);
        Assert.Equal(0.5, SimulatedCost(PaperProblem.VariantB, PaperProblem.VariantB.Minimizer), 12);
        // And nothing lower on a 10-degree grid of the simulated cost.
        var d = new Derivatives(PaperProblem.VariantB);
        Assert.Equal(0.5, Training.GridMinimum(d, 36).Cost, 12);
        Assert.Equal(0, Training.GridMinimum(new Derivatives(PaperProblem.VariantA), 36).Cost, 12);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void HadamardAndHilbertSchmidtGradientsEqualTheClosedFormTo1e12OverBothSweeps(string variant)
    {
        var d = new Derivatives(Variant(variant));
        foreach (int parameter in new[] { 0, 1 })
        {
            var rows = GradientSweep.Run(d, parameter, points: 41);
            Assert.Equal(41, rows.Count);
            Assert.Equal(2 * Math.PI, rows[^1].Angle, 14);
            Assert.Contains(rows, r => Math.Abs(r.Analytic) > 0.02);   // the sweep is not trivially zero
            foreach (var r in rows)
            {
                Assert.InRange(Math.Abs(r.HadamardTest - r.Analytic), 0, 1e-12);
                Assert.InRange(Math.Abs(r.HilbertSchmidt - r.Analytic), 0, 1e-12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void FiniteDifferencesAtStepOneAreTheClosedFormTimesSin1AndTimesTheFourPointFactor(string variant)
    {
        // C is a frequency-1 sinusoid in each parameter (both variants), so the central differences are exact
        // multiples of the derivative: FD2 = sin(h)/h, FD4 = (8 sin h - sin 2h)/(6h); at h = 1: 0.84147, 0.97041.
        var d = new Derivatives(Variant(variant));
        double fd2 = Math.Sin(1), fd4 = (8 * Math.Sin(1) - Math.Sin(2)) / 6;
        Assert.Equal(fd2, ShotStudy.Scale("FD2", 1), 15);
        Assert.Equal(fd4, ShotStudy.Scale("FD4", 1), 15);
        foreach (int parameter in new[] { 0, 1 })
            foreach (var r in GradientSweep.Run(d, parameter, points: 41))
            {
                Assert.Equal(fd2 * r.Analytic, r.TwoPoint, 12);
                Assert.Equal(fd4 * r.Analytic, r.FourPoint, 12);
            }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void StepSizeMseOfFiniteDifferencesFollowsTheirScaleFactorWhileHtAndHstStayAtRounding(string variant)
    {
        var d = new Derivatives(Variant(variant));
        const int steps = 6, points = 8, seed = 11;
        var rows = StepSizeStudy.Run(d, steps, points, seed);
        Assert.Equal(2 * steps, rows.Count);
        var exact = StepSizeStudy.RandomPoints(points, seed).Select(d.Analytic).ToArray();
        foreach (var r in rows)
        {
            Assert.InRange(r.HadamardTest, 0, 1e-26);
            Assert.InRange(r.HilbertSchmidt, 0, 1e-26);   // any shift is exact; rounding grows like 1/sin²(h) at small h
            double meanSquare = exact.Average(g => g[r.Parameter] * g[r.Parameter]);
            double expected2 = Math.Pow(ShotStudy.Scale("FD2", r.Step) - 1, 2) * meanSquare;
            double expected4 = Math.Pow(ShotStudy.Scale("FD4", r.Step) - 1, 2) * meanSquare;
            Assert.InRange(r.TwoPoint, expected2 * (1 - 1e-4), expected2 * (1 + 1e-4));
            Assert.InRange(r.FourPoint, expected4 * (1 - 1e-2), expected4 * (1 + 1e-2));   // 1e-20 at h = 0.01: rounding shows
            Assert.True(r.FourPoint < r.TwoPoint, $"FD4 ({r.FourPoint:E2}) should beat FD2 ({r.TwoPoint:E2}) at h = {r.Step}.");
        }
        Assert.Equal(StepSizeStudy.MinStep, rows[0].Step, 15);
        Assert.Equal(StepSizeStudy.MaxStep, rows[^1].Step, 15);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WithShotsHtAndHstStayWithinFourStandardErrorsWhileFd2KeepsItsStepBias(string variant)
    {
        var rows = ShotStudy.Run(new Derivatives(Variant(variant)));
        Assert.Equal(3 * 2 * 4, rows.Count);
        foreach (var r in rows)
        {
            Assert.True(r.StandardError > 0, $"{r.Method} at {r.Shots} shots has no standard error.");
            if (r.IsExactMethod)
                Assert.True(r.BiasInStandardErrors < 4, $"{r.Method} dC/dθ{r.Parameter + 1} at {r.Shots} shots is {r.BiasInStandardErrors:F2} SE from the closed form.");
            else   // unbiased around the biased value
                Assert.True(Math.Abs(r.Estimate - r.Exact - r.StepBias) < 4 * r.StandardError, $"{r.Method} at {r.Shots} shots is not centred on its step bias.");
        }
        foreach (var r in rows.Where(r => r.Method == "FD2" && r.Shots == 100_000))
            Assert.True(r.BiasInStandardErrors > 8, $"FD2 dC/dθ{r.Parameter + 1} at 100,000 shots: bias only {r.BiasInStandardErrors:F1} SE.");
        // Standard errors shrink like 1/√shots: 100x the shots, a tenth of the error.
        foreach (var group in rows.GroupBy(r => (r.Method, r.Parameter)))
        {
            double ratio = group.Single(r => r.Shots == 1_000).StandardError / group.Single(r => r.Shots == 100_000).StandardError;
            Assert.InRange(ratio, 7, 14);
        }
    }

    [Theory]
    [InlineData("A", "HST")]
    [InlineData("A", "HT")]
    [InlineData("B", "HST")]
    [InlineData("B", "HT")]
    public void GradientDescentWithTheExactGradientReachesTheLowestCostWithin1e9(string variant, string method)
    {
        var problem = Variant(variant);
        var run = Training.Run(new Derivatives(problem), method);
        Assert.InRange(run.FinalCost - problem.LowestCost, -1e-12, 1e-9);
        Assert.True(run.Iterations < 200, $"{run.Iterations} steps");
        Assert.True(run.Costs[0] > problem.LowestCost + 0.3, "the start should be far from the minimum");
        Assert.Equal(problem.Cost(run.Theta), run.FinalCost, 12);
    }

    [Fact]
    public void SvgFiguresAreWellFormedXmlWithTheirPanelsAndALegend()
    {
        var d = new Derivatives(PaperProblem.VariantB);
        var sweep = Figures.GradientSweeps(d.Problem, GradientSweep.Run(d, 0, 21), GradientSweep.Run(d, 1, 21));
        var mse = Figures.StepSizeErrors(d.Problem, StepSizeStudy.Run(d, 5, 3), 3);
        var training = Figures.TrainingCurves(d.Problem, new[] { Training.Run(d, "HST", maxIterations: 10) });
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var (text, panels) in new[] { (sweep, 2), (mse, 2), (training, 1) })
        {
            var doc = XDocument.Parse(text);
            Assert.Equal(svg + "svg", doc.Root!.Name);
            Assert.Equal(panels, doc.Descendants(svg + "clipPath").Count());
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("Infinity", text);
        }
        var texts = XDocument.Parse(sweep).Descendants(svg + "text").Select(t => t.Value).ToList();
        foreach (var label in new[] { "closed form", "HT", "HST", "FD2 (h = 1)", "FD4 (h = 1)", "π", "2π", "θ1", "θ2" })
            Assert.Contains(label, texts);
        // Log axis: decade labels are 10 with a superscript exponent.
        Assert.Contains(XDocument.Parse(mse).Descendants(svg + "tspan"), t => t.Value == "−32");
    }

    [Fact]
    public void SvgPlotEscapesMarkupInLabels()
    {
        var series = new PlotSeries("a < b & \"c\"", new[] { 0.0, 1.0 }, new[] { 0.0, 2.0 }, "#000", Marker.Circle, Line: true);
        var text = SvgPlot.Render("x > y", new[] { new PlotPanel("t & u", "x", "y", new[] { series }) }, "note <1>");
        var values = XDocument.Parse(text).Descendants().Select(e => e.Value).ToList();
        Assert.Contains("a < b & \"c\"", values);
        Assert.Contains("x > y", values);
        Assert.Contains("note <1>", values);
    }

    [Fact]
    public void CsvWriterUsesInvariantRoundTripNumbersAndQuotesFields()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            string csv = CsvWriter.Format(new[] { "name", "value" }, new[] { new object[] { "a,b", 0.1 + 0.2 }, new object[] { "c", 1e-30 } });
            Assert.Equal("name,value\n\"a,b\",0.30000000000000004\nc,1E-30\n", csv);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
