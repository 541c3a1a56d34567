using System;
using System.Linq;
using System.Numerics;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml.Linq;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using OverlapGradients;
using ScottPlot;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>
/// The OverlapGradients sample (Urbaneja and Ho's two-qubit compilation example, both gate orders): closed
/// forms against the simulated unitaries, HT/HST gradients against the closed forms, the finite differences'
/// known bias, the MSE against the step size (exact and with shots), shot statistics, training, and the figures.
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
    public void StepSizeMseOfFiniteDifferencesFollowsTheirScaleFactorOnFreshPointsWhileHtAndHstStayAtRounding(string variant)
    {
        var d = new Derivatives(Variant(variant));
        const int points = 8, seed = 11;
        var steps = StepSizeStudy.LinearSteps(6);
        var rows = StepSizeStudy.Run(d, steps, points, seed);
        Assert.Equal(2 * steps.Length, rows.Count);
        var thetas = StepSizeStudy.RandomPoints(steps.Length, points, seed);
        Assert.NotEqual(thetas[0][0], thetas[1][0]);   // fresh points at every step
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Assert.Equal(steps[i / 2], r.Step);
            Assert.Equal(i % 2, r.Parameter);
            foreach (var exactRule in new[] { r.HadamardTest, r.HilbertSchmidt, r.HilbertSchmidtShiftStep })
            {
                Assert.InRange(exactRule.Mean, 0, 1e-26);   // any shift is exact; rounding grows like 1/sin²(h) at small h
                Assert.Equal(0, exactRule.MeanReportedVariance);
                Assert.Equal(points, exactRule.Count);
            }
            var exact = thetas[i / 2].Select(d.Analytic).Select(g => g[r.Parameter]).ToArray();
            foreach (var (method, estimate, tolerance) in new[] { ("FD2", r.TwoPoint, 1e-4), ("FD4", r.FourPoint, 1e-2) })   // FD4: 1e-20 at h = 0.01, rounding shows
            {
                var squaredErrors = exact.Select(g => Math.Pow((ShotStudy.Scale(method, r.Step) - 1) * g, 2)).ToArray();
                double mean = squaredErrors.Average();
                double sd = Math.Sqrt(squaredErrors.Sum(e => (e - mean) * (e - mean)) / (points - 1));
                Assert.InRange(estimate.Mean, mean * (1 - tolerance), mean * (1 + tolerance));
                Assert.InRange(estimate.StandardDeviation, sd * (1 - tolerance), sd * (1 + tolerance));
            }
            Assert.True(r.FourPoint.Mean < r.TwoPoint.Mean, $"FD4 ({r.FourPoint.Mean:E2}) should beat FD2 ({r.TwoPoint.Mean:E2}) at h = {r.Step}.");
        }
        Assert.Equal(StepSizeStudy.MinStep, rows[0].Step, 15);
        Assert.Equal(StepSizeStudy.MaxStep, rows[^1].Step, 15);
    }

    [Fact]
    public void WithShotsHtAndHstMseEqualTheirReportedVarianceAtEveryStepWhileFiniteDifferencesBlowUpAtSmallSteps()
    {
        // 1,000 shots per circuit on 8 log-spaced steps, 10 fresh points each. HT and HST (fixed shifts π and π/2) are
        // unbiased: their MSE is their own variance, whatever h. FD's MSE is its squared step bias plus its variance,
        // which grows like 1/h²: at h = 0.01 it is far above HT's and HST's.
        var d = new Derivatives(PaperProblem.VariantB);
        const int points = 10, seed = 3, shots = 1_000;
        var steps = StepSizeStudy.LogSteps(8);
        var rows = StepSizeStudy.Run(d, steps, points, seed, shots);
        var thetas = StepSizeStudy.RandomPoints(steps.Length, points, seed);
        foreach (int j in new[] { 0, 1 })
        {
            var p = rows.Where(r => r.Parameter == j).ToList();
            Assert.InRange(StepSizeStudy.UnbiasedZScore(p, r => r.HadamardTest), -4, 4);
            Assert.InRange(StepSizeStudy.UnbiasedZScore(p, r => r.HilbertSchmidt), -4, 4);
            // FD2: MSE = mean squared step bias + reported variance, within 4 standard errors over the steps.
            double observed = 0, expected = 0, variance = 0;
            for (int i = 0; i < p.Count; i++)
            {
                var fd = p[i].TwoPoint;
                double bias2 = thetas[i].Average(t => Math.Pow((ShotStudy.Scale("FD2", steps[i]) - 1) * d.Analytic(t)[j], 2));
                observed += fd.Mean;
                expected += bias2 + fd.MeanReportedVariance;
                variance += fd.StandardError * fd.StandardError;
            }
            Assert.True(Math.Abs(observed - expected) < 4 * Math.Sqrt(variance), $"FD2 MSE sum {observed:E3} vs bias² + variance {expected:E3}");
            double exactRules = p.Max(r => Math.Max(r.HadamardTest.Mean, r.HilbertSchmidt.Mean));
            Assert.True(p[0].TwoPoint.Mean > 100 * exactRules, $"FD2 at h = {p[0].Step}: {p[0].TwoPoint.Mean:E2}, HT/HST up to {exactRules:E2}");
            Assert.True(p[0].FourPoint.Mean > 100 * exactRules, $"FD4 at h = {p[0].Step}: {p[0].FourPoint.Mean:E2}, HT/HST up to {exactRules:E2}");
            Assert.True(p[0].HilbertSchmidtShiftStep.Mean > 100 * exactRules, "The HST with shift h = 0.01 has variance 1/(4 sin² h) times larger.");
        }
    }

    [Fact]
    public void MseEstimateIsTheMeanAndSampleStandardDeviationOfTheSquaredErrorsWithThePublishedBand()
    {
        var e = MseEstimate.Of(new[] { 1.0, 2.0, 6.0 }, new[] { 0.5, 1.5, 1.0 });
        Assert.Equal(3, e.Mean, 15);
        Assert.Equal(Math.Sqrt(7), e.StandardDeviation, 15);   // ((4 + 1 + 9) / 2)
        Assert.Equal(1, e.MeanReportedVariance, 15);
        Assert.Equal(Math.Sqrt(7.0 / 3), e.StandardError, 15);
        Assert.Equal(Math.Sqrt(3) + 3, e.PublishedBandHalfWidth, 15);   // the published figure: ±(√MSE + MSE) around zero
        Assert.Equal(0, MseEstimate.Of(new[] { 0.0, 0.0 }, new[] { 0.0, 0.0 }).PublishedBandHalfWidth);
        Assert.Throws<ArgumentException>(() => MseEstimate.Of(new[] { 1.0 }, new[] { 0.0 }));
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
    public void FiguresAreWrittenAsPngOfTheGridSizeAndAsWellFormedSvgWithEveryLegendLabel()
    {
        var d = new Derivatives(PaperProblem.VariantB);
        var mse = StepSizeStudy.Run(d, StepSizeStudy.LinearSteps(4), 3);
        var shots = StepSizeStudy.Run(d, StepSizeStudy.LogSteps(3), 3, shots: 100);
        var figures = new (Plot[] Panels, int Columns, int Width, int Height, string[] Labels)[]
        {
            (Figures.Fig4(d.Problem, GradientSweep.Run(d, 0, 21), GradientSweep.Run(d, 1, 21), mse), 2, 1280, 880,
                new[] { "closed form", "HT (shift π)", "HST (shift π/2)", "two-point FD (h = 1)", "four-point FD", "π/2", "3π/4", "θ1", "θ2" }),
            (Figures.ShotMse(d.Problem, new[] { (100, (IReadOnlyList<StepSizePoint>)shots) }), 2, 1280, 440,
                new[] { "HST (shift h)", "1e-2", "variant B: MSE of ∂C/∂θ2, 100 shots per circuit" }),
            (new[] { Figures.TrainingCurves(d.Problem, new[] { Training.Run(d, "HST", maxIterations: 10) }) }, 1, 640, 440, new[] { "HST gradient", "C − C_min" }),
        };
        string folder = Path.Combine(Path.GetTempPath(), "exactgrad-figures-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            for (int i = 0; i < figures.Length; i++)
            {
                var f = figures[i];
                var (png, svg) = FigureFile.Save(f.Panels, f.Columns, Path.Combine(folder, $"figure{i}"));
                Assert.Equal((f.Width, f.Height), PngFile.Size(File.ReadAllBytes(png)));
                var doc = XDocument.Load(svg);
                XNamespace ns = "http://www.w3.org/2000/svg";
                Assert.Equal(ns + "svg", doc.Root!.Name);
                Assert.Equal(f.Width.ToString(CultureInfo.InvariantCulture), doc.Root.Attribute("width")?.Value);
                var texts = doc.Descendants(ns + "text").Select(t => t.Value.Trim()).ToHashSet();
                foreach (var label in f.Labels) Assert.Contains(label, texts);
                string text = File.ReadAllText(svg);
                Assert.DoesNotContain("NaN", text);
                Assert.DoesNotContain("Infinity", text);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SampleRunsVariantBByDefaultAndRefusesAnUnknownVariantByName()
    {
        Assert.True(SampleArguments.TryParse(Array.Empty<string>(), out var none, out _));
        Assert.Equal(new[] { "B" }, none.Variants.Select(v => v.Name));
        Assert.Equal(SampleArguments.DefaultOutput, none.Output);
        Assert.True(SampleArguments.TryParse(new[] { "out", "--variant", "both" }, out var both, out _));
        Assert.Equal(new[] { "A", "B" }, both.Variants.Select(v => v.Name));
        Assert.Equal("out", both.Output);
        Assert.False(SampleArguments.TryParse(new[] { "--variant", "C" }, out _, out var error));
        Assert.Contains("'C'", error);
        Assert.False(SampleArguments.TryParse(new[] { "--variant" }, out _, out error));
        Assert.Contains("A, B or both", error);
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
