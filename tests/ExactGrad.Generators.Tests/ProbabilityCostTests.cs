using System;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Costs over outcome probabilities and variances, compiled by the generator: the gradient it emits against the
/// adjoint method and a converged finite difference of the cost method itself (called on the simulated state),
/// its circuit count against the circuits run, shots, and outcomes the circuit does not have.
/// </summary>
public class ProbabilityCostTests
{
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult WithGradientAndLabel(ReadOnlySpan<double> theta, double label, IExpectationEstimator? estimator, DifferentiationMethod? method);

    private const string Source = """
        using System; using System.Collections.Generic; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Readout
        {
            static readonly Observable H = Observable.Parse("0.5 Z0 Z1 - 0.8 X2 + 0.3 Y0 Y1");

            [Ansatz(Qubits = 3, Parameters = 5)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 3; q++) c.RY(theta[q], q);
                c.CNOT(0, 1).CRZ(theta[3], 1, 2).RX(theta[4], 0).CNOT(2, 0);
            }

            // Constant bitstrings (qubit 0 last) and a constant index.
            [Cost(nameof(Ansatz))]
            static double Outcomes(Measurements m) => -Math.Log(m.Probability("011")) + 2 * Math.Pow(m.Probabilities()[4], 2) - m.Probability("000");

            // A cross-entropy −Σ_k y_k log p_k over four outcomes, written as a loop over a local vector.
            [Cost(nameof(Ansatz))]
            static double CrossEntropy(Measurements m)
            {
                double[] y = { 0.1, 0.4, 0.3, 0.2 };
                var p = m.Probabilities();
                double loss = 0;
                for (int k = 0; k < 4; k++) loss -= y[k] * Math.Log(p[2 * k + 1]);
                return loss;
            }

            // Variances of a label and of a held observable.
            [Cost(nameof(Ansatz))]
            static double Spread(Measurements m) => m.Variance("X0 + Z1") + 0.5 * m.Variance(H) + m.Expect("Z2");

            // −log p[label]: the outcome chosen at run time.
            [Cost(nameof(Ansatz))]
            static double NegativeLogLikelihood(Measurements m, double label) => -Math.Log(m.Probabilities()[(int)label]);
        }
        """;

    private static readonly double[] Theta = { 0.3, -0.9, 1.4, 0.8, -0.5 };

    private static (Type Type, Circuit Circuit) Compile()
    {
        var (output, generated) = GeneratorHarness.Run(Source);
        Assert.Contains(generated, g => g.Contains("global::ExactGrad.Observables.Observable.Projector(\"011\")"));
        var type = GeneratorHarness.Load(output).GetType("Readout")!;
        return (type, (Circuit)type.GetProperty("AnsatzCircuit")!.GetValue(null)!);
    }

    /// <summary>The user's own cost method, called on Measurements of the simulated state at θ.</summary>
    private static double Direct(Type type, Circuit circuit, string cost, double[] theta, params object[] extra)
    {
        var method = type.GetMethod(cost, BindingFlags.NonPublic | BindingFlags.Static)!;
        var m = Measurements.Of(StateVector.Run(circuit.Bind(theta)));
        return (double)method.Invoke(null, extra.Prepend(m).ToArray())!;
    }

    [Theory]
    [InlineData("Outcomes")]
    [InlineData("CrossEntropy")]
    [InlineData("Spread")]
    public void GeneratedGradientOfProbabilitiesAndVariancesEqualsAdjointAndAFiniteDifferenceOfTheMethod(string cost)
    {
        var (type, circuit) = Compile();
        var withGradient = type.GetMethod(cost + "WithGradient")!.CreateDelegate<WithGradient>();
        var shift = withGradient(Theta, null, DifferentiationMethod.ParameterShift);
        var adjoint = withGradient(Theta, null, null);
        var fd = FiniteDifference.Gradient(t => Direct(type, circuit, cost, t), Theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        Assert.Equal(Direct(type, circuit, cost, Theta), shift.Value, 12);
        Assert.Equal("adjoint", adjoint.Method);
        for (int j = 0; j < Theta.Length; j++)
        {
            Assert.True(Math.Abs(shift.Gradient[j] - adjoint.Gradient[j]) < 1e-10, $"{cost} θ{j}: shift {shift.Gradient[j]} vs adjoint {adjoint.Gradient[j]}");
            Assert.True(Math.Abs(shift.Gradient[j] - fd[j]) < 1e-8, $"{cost} θ{j}: shift {shift.Gradient[j]} vs finite difference {fd[j]}");
        }
        Assert.Equal(GeneratorHarness.Count(type, cost + "CircuitsPerGradient"), shift.CircuitEvaluations);
    }

    [Fact]
    public void ProbabilityAtARunTimeLabelHasTheGradientOfThatOutcome()
    {
        var (type, circuit) = Compile();
        var withGradient = type.GetMethod("NegativeLogLikelihoodWithGradient")!.CreateDelegate<WithGradientAndLabel>();
        foreach (double label in new[] { 0.0, 3.0, 6.0 })
        {
            var shift = withGradient(Theta, label, null, DifferentiationMethod.ParameterShift);
            var adjoint = withGradient(Theta, label, null, null);
            var fd = FiniteDifference.Gradient(t => Direct(type, circuit, "NegativeLogLikelihood", t, label), Theta, 1e-3, FiniteDifferenceScheme.FourPoint);
            Assert.Equal(-Math.Log(Measurements.Of(StateVector.Run(circuit.Bind(Theta))).Probabilities()[(int)label]), shift.Value, 12);
            for (int j = 0; j < Theta.Length; j++)
            {
                Assert.True(Math.Abs(shift.Gradient[j] - adjoint.Gradient[j]) < 1e-10, $"label {label} θ{j}: shift {shift.Gradient[j]} vs adjoint {adjoint.Gradient[j]}");
                Assert.True(Math.Abs(shift.Gradient[j] - fd[j]) < 1e-8, $"label {label} θ{j}: shift {shift.Gradient[j]} vs finite difference {fd[j]}");
            }
        }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => withGradient(Theta, 8, null, null));
        Assert.Contains("Outcome index 8", e.Message);
    }

    [Fact]
    public void CircuitCountMeasuresEachProbabilityOnceAndTheShiftedCircuitsOfOneDiagonalObservable()
    {
        var (type, _) = Compile();
        // Outcomes: three probabilities measured at θ, then one diagonal observable at each shifted point of the
        // five parameters (two-term rules, except the four-term CRZ): 3 + 2·4 + 4.
        Assert.Equal(3 + 2 * 4 + 4, GeneratorHarness.Count(type, "OutcomesCircuitsPerGradient"));
        Assert.Equal(4 + 12, GeneratorHarness.Count(type, "CrossEntropyCircuitsPerGradient"));
    }

    [Fact]
    public void GeneratedProbabilityGradientWithShotsLiesWithinFourStandardErrors()
    {
        var (type, _) = Compile();
        var withGradient = type.GetMethod("CrossEntropyWithGradient")!.CreateDelegate<WithGradient>();
        var exact = withGradient(Theta, null, null);
        var noisy = withGradient(Theta, new ShotEstimator(50_000, seed: 3), DifferentiationMethod.ParameterShift);
        for (int j = 0; j < Theta.Length; j++)
            Assert.True(Math.Abs(noisy.Gradient[j] - exact.Gradient[j]) < 4 * noisy.StandardErrors[j], $"θ{j}: {noisy.Gradient[j]} ± {noisy.StandardErrors[j]} vs {exact.Gradient[j]}");
        Assert.True(Math.Abs(noisy.Value - exact.Value) < 4 * noisy.ValueStandardError, $"{noisy.Value} ± {noisy.ValueStandardError} vs {exact.Value}");
    }

    [Theory]
    [InlineData("m.Probability(\"01\")", "has 2 bit(s) but the circuit has 3 qubit(s)")]
    [InlineData("m.Probability(\"0x1\")", "has 'x' at position 1")]
    [InlineData("m.Probabilities()[8]", "outcome index 8 is not one of the 8 outcomes")]
    public void OutcomeTheCircuitDoesNotHaveGetsNoGeneratedMembersAndSaysWhy(string read, string reason)
    {
        string source = $$"""
            using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Wrong
            {
                [Ansatz(Qubits = 3, Parameters = 1)] static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Ansatz))] static double Loss(Measurements m) => -Math.Log({{read}});
            }
            """;
        var (_, generated) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(generated, g => g.Contains("LossWithGradient"));
        var compilation = GeneratorHarness.Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Loss");
        Assert.Null(ExactGrad.Generators.Parsing.CostReader.Read(method, compilation.GetSemanticModel(tree), out _, out var failure, default, qubits: 3));
        Assert.Contains(reason, failure!.Reason);
    }

    [Theory]
    [InlineData("double loss = 0; for (int k = 0; k < (int)label; k++) loss -= Math.Log(m.Probabilities()[k]); return loss;", "condition 'k < (int)label' is not known at compile time")]
    [InlineData("label = 2; return m.Probability(\"001\");", "assigns a parameter")]
    [InlineData("int big = int.MaxValue; big += 1; return m.Probabilities()[big];", "integer arithmetic at line")]
    [InlineData("double[] y = { 1, 2 }; return y[2] * m.Probability(\"001\");", "index 2 is outside 'y' (2 elements)")]
    [InlineData("return -Math.Log(m.Probabilities()[(int)m.Expect(\"Z0\")]);", "depends on measured values")]
    public void CostBodiesOutsideWhatIsReadGetNoGeneratedMembersAndSayWhy(string body, string reason)
    {
        string source = $$"""
            using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Unread
            {
                [Ansatz(Qubits = 3, Parameters = 1)] static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Ansatz))] static double Loss(Measurements m, double label) { {{body}} }
            }
            """;
        var (_, generated) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(generated, g => g.Contains("LossWithGradient"));
        var compilation = GeneratorHarness.Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Loss");
        Assert.Null(ExactGrad.Generators.Parsing.CostReader.Read(method, compilation.GetSemanticModel(tree), out _, out var failure, default, qubits: 3));
        Assert.Contains(reason, failure!.Reason);
    }

    /// <summary>The snippet of "Outcome probabilities and variances" in docs/circuits-and-costs.md, as written there.</summary>
    private const string DocsSnippet = """
        using System;
        using ExactGrad;
        using ExactGrad.Circuits;
        using ExactGrad.Observables;

        public static partial class Readout
        {
            [Ansatz(Qubits = 2, Parameters = 4, Inputs = 2)]
            static void Model(CircuitBuilder c, double[] theta, double[] x)
            {
                for (int q = 0; q < 2; q++) c.RY(theta[2 * q] * x[q] + theta[2 * q + 1], q);   // data re-uploading
                c.CZ(0, 1);
            }

            // Class 1 is "qubit 0 reads 1": the outcomes "01" and "11" (qubit 0 last, as Qiskit prints counts).
            [Cost(nameof(Model))]
            static double CrossEntropy(Measurements m, double label)
            {
                double p = m.Probability("01") + m.Probability("11");
                return -label * Math.Log(p) - (1 - label) * Math.Log(1 - p);
            }

            // The outcome a label names (index k: bit q is qubit q's result), and a loop over the outcome vector.
            [Cost(nameof(Model))]
            static double NegativeLogLikelihood(Measurements m, double label) => -Math.Log(m.Probabilities()[(int)label]);

            [Cost(nameof(Model))]
            static double SoftTargets(Measurements m)
            {
                double[] y = { 0.7, 0.1, 0.1, 0.1 };
                var p = m.Probabilities();
                double loss = 0;
                for (int k = 0; k < 4; k++) loss -= y[k] * Math.Log(p[k]);
                return loss;
            }

            [Cost(nameof(Model))]
            static double Spread(Measurements m) => m.Variance("Z0 Z1") + m.Variance("X0");   // ⟨O²⟩ − ⟨O⟩², O² by the observable algebra
        }
        """;

    [Fact]
    public void DocsSnippetIsTheGuidesBlockLineForLine()
    {
        string docs = typeof(ProbabilityCostTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DocsDirectory").Value!;
        var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(docs, "circuits-and-costs.md"));
        int section = Array.FindIndex(lines, l => l == "### Outcome probabilities and variances");
        int start = Array.FindIndex(lines, section, l => l.StartsWith("```csharp", StringComparison.Ordinal)) + 1;
        int end = Array.FindIndex(lines, start, l => l == "```");
        static string[] Trimmed(System.Collections.Generic.IEnumerable<string> text) => text.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        // The guide's block ends with a comment on what is generated, which the compiled copy leaves out.
        Assert.Equal(Trimmed(lines[start..end]).Where(l => !l.StartsWith("// generated", StringComparison.Ordinal)), Trimmed(DocsSnippet.Split('\n')));
    }

    private delegate DerivedCircuit ModelAt(ReadOnlySpan<double> theta, ReadOnlySpan<double> x);
    private delegate GradientResult OverInputs(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult OverInputsWithLabel(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double label, IExpectationEstimator? estimator, DifferentiationMethod? method);

    [Fact]
    public void DocsProbabilitySnippetCompilesAndEachCostHasTheGradientOfAFiniteDifference()
    {
        var (output, _) = GeneratorHarness.Run(DocsSnippet);
        var type = GeneratorHarness.Load(output).GetType("Readout")!;
        var theta = new[] { 0.4, -0.3, 1.1, 0.6 };
        var x = new[] { 0.5, -0.8 };
        var at = type.GetMethod("ModelAt")!.CreateDelegate<ModelAt>();
        foreach (var (cost, label) in new (string, double?)[] { ("CrossEntropy", 1.0), ("NegativeLogLikelihood", 2.0), ("SoftTargets", null), ("Spread", null) })
        {
            var method = type.GetMethod(cost, BindingFlags.NonPublic | BindingFlags.Static)!;
            double Value(double[] t)
            {
                var circuit = at(t, x);
                var m = Measurements.Of(StateVector.Run(circuit.Circuit.Bind(circuit.Angles)));
                return (double)method.Invoke(null, label is double l ? new object[] { m, l } : new object[] { m })!;
            }
            var withGradient = type.GetMethods().Single(m => m.Name == cost + "WithGradient" && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<double>));
            var r = label is double y
                ? withGradient.CreateDelegate<OverInputsWithLabel>()(theta, x, y, null, DifferentiationMethod.ParameterShift)
                : withGradient.CreateDelegate<OverInputs>()(theta, x, null, DifferentiationMethod.ParameterShift);
            // Step 1e-4: at this point p("01") + p("11") is small and the cross-entropy's slope near 20, so 1e-3 is not converged to 1e-8.
            var fd = FiniteDifference.Gradient(Value, theta, 1e-4, FiniteDifferenceScheme.FourPoint);
            Assert.Equal(Value(theta), r.Value, 12);
            for (int j = 0; j < theta.Length; j++) Assert.True(Math.Abs(r.Gradient[j] - fd[j]) < 1e-8, $"{cost} θ{j}: {r.Gradient[j]} vs finite difference {fd[j]}");
        }
    }
}
