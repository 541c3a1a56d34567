using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.CompilerServices;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// The double[] theta shape: any differentiable angle expression, data inputs x without gradient, and
/// costs averaged over a data set. Every gradient is checked against a 6-point finite difference of the
/// user's own method run at shifted points (classical recording, exact simulation), against the
/// adjoint method, or against a closed form.
/// </summary>
public class DerivedAngleTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";

    private delegate DerivedCircuit At(ReadOnlySpan<double> theta);
    private delegate DerivedCircuit AtWithInputs(ReadOnlySpan<double> theta, ReadOnlySpan<double> x);
    private delegate GradientResult LossWithGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double label, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);
    private delegate double LossMean(ReadOnlySpan<double> theta, System.Collections.Generic.IReadOnlyList<double[]> inputs, System.Collections.Generic.IReadOnlyList<double> targets, IExpectationEstimator? estimator);
    private delegate GradientResult LossMeanWithGradient(ReadOnlySpan<double> theta, System.Collections.Generic.IReadOnlyList<double[]> inputs, System.Collections.Generic.IReadOnlyList<double> targets, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);

    /// <summary>Name, source (with a public array-taking Record wrapper around the ansatz), θ count, x count, type.</summary>
    public static TheoryData<string, string, int, int, string> Shapes => new()
    {
        { "NonLinearAngles", """
            namespace Demo;
            public static partial class Curved
            {
                [Ansatz(Qubits = 3, Parameters = 3)]
                static void Circuit(CircuitBuilder c, double[] theta)
                {
                    double a = Math.Sin(theta[0]);
                    c.RY(a, 0).RY(theta[0] * theta[1], 1);
                    c.CNOT(0, 1).CRZ(Math.Exp(0.5 * theta[2]) - 1, 1, 2);
                    for (int q = 0; q < 3; q++) c.RX(theta[q] / (1 + q) + Math.Cos(theta[2]), q);
                    a *= theta[1];
                    c.RZZ(Math.Atan2(theta[1], 2.0) + a, 0, 2).U3(Math.Pow(theta[1], 2), Math.Tanh(theta[0]), 0.25, 2);
                    c.RY(Math.PI / 4 + Math.Sqrt(2.0), 1); // constant: not an angle of the circuit
                }

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Circuit(c, theta);
            }
            """, 3, 0, "Demo.Curved" },
        { "DataEncodingAndReuploading", """
            public static partial class Classifier
            {
                [Ansatz(Qubits = 2, Parameters = 4, Inputs = 2)]
                static void Model(CircuitBuilder c, ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
                {
                    for (int q = 0; q < 2; q++) c.RY(Math.PI * x[q], q); // encoding: no shifted circuits
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < 2; q++) c.RY(theta[2 * layer + q], q);
                        c.CNOT(0, 1);
                        c.RZ(x[0] * theta[layer], 1); // re-uploading: the data scales the gradient
                    }
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0") - label, 2);

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Model(c, theta, x);
            }
            """, 4, 2, "Classifier" },
        { "DerivedPauliRotationsOverForeach", """
            public static partial class Exchange
            {
                private static readonly string[] Terms = { "XX", "YY", "Z0 Z1" };
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    foreach (var q in System.Linq.Enumerable.Range(0, 2)) c.RY(x[0] + q, q);
                    foreach (string term in Terms) c.PauliRotation(Math.Sin(theta[0]) * x[0] + theta[1], term);
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("0.5 ZI + XX") - label, 2);

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Model(c, theta, x);
            }
            """, 2, 1, "Exchange" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GeneratedTextMatchesItsSnapshot(string name, string source, int parameters, int inputs, string typeName)
    {
        var files = await GeneratorTest.VerifyOutputAsync(name, Usings + source);
        Assert.All(files, f => Assert.DoesNotContain("not read at compile time", f.Text));
        Assert.True(parameters > 0 && inputs >= 0 && typeName.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CircuitAtAPointIsTheCircuitTheMethodBuildsThere(string name, string source, int parameters, int inputs, string typeName)
    {
        var (type, at) = Load(source, typeName, inputs);
        foreach (var (theta, x) in Points(parameters, inputs))
        {
            var point = at(theta, x);
            var recorded = Record(type, theta, x);
            var bound = point.Circuit.Bind(point.Angles);
            Assert.Equal(recorded.Operations.Count, bound.Operations.Count);
            for (int op = 0; op < bound.Operations.Count; op++)
            {
                var (expected, actual) = (recorded.Operations[op], bound.Operations[op]);
                Assert.Same(expected.Gate, actual.Gate);
                Assert.Equal(expected.Qubits, actual.Qubits);
                for (int s = 0; s < actual.Angles.Count; s++)
                    Assert.True(Math.Abs(expected.Angles[s].Offset - actual.Angles[s]) < 1e-14, $"{name}: operation {op} angle {s}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientOverThetaEqualsAdjointAndAConvergedFiniteDifferenceOfTheMethod(string name, string source, int parameters, int inputs, string typeName)
    {
        var (type, at) = Load(source, typeName, inputs);
        var h = Observable.Parse("0.7 Z0 + 0.4 X1 - 0.3 Z0 Z1" + (name == "NonLinearAngles" ? " + 0.5 Y2" : ""));
        foreach (var (theta, x) in Points(parameters, inputs))
        {
            var point = at(theta, x);
            var shift = point.Pullback(ParameterShift.Gradient(point.Plan, h, point.Angles));
            var adjoint = point.Pullback(Adjoint.Gradient(point.Circuit, h, point.Angles));
            double E(double[] t) => ExactEstimator.Instance.Evaluate(Record(type, t, x).Bind(Array.Empty<double>()), h).Value;
            var fd = FiniteDifferences.SixPoint(E, theta);
            for (int j = 0; j < parameters; j++)
            {
                Assert.True(Math.Abs(shift.Gradient[j] - adjoint.Gradient[j]) < 1e-10, $"{name} θ{j}: shift {shift.Gradient[j]} vs adjoint {adjoint.Gradient[j]}");
                Assert.True(Math.Abs(shift.Gradient[j] - fd[j]) < 1e-10, $"{name} θ{j}: shift {shift.Gradient[j]} vs finite difference {fd[j]}");
            }
        }
    }

    [Fact]
    public void GradientOfNonLinearAnglesEqualsItsClosedForm()
    {
        var (type, at) = Load("""
            public static partial class Closed
            {
                [Ansatz(Qubits = 2, Parameters = 2)]
                static void Circuit(CircuitBuilder c, double[] theta) => c.RY(Math.Sin(theta[0]), 0).RX(theta[0] * theta[1], 1);
                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Circuit(c, theta);
            }
            """, "Closed", 0);
        // ⟨Z0 + Z1⟩ = cos(sin θ0) + cos(θ0 θ1).
        double a = 0.9, b = -1.7;
        var point = at(new[] { a, b }, Array.Empty<double>());
        var g = point.Pullback(ParameterShift.Gradient(point.Plan, Observable.Parse("Z0 + Z1"), point.Angles));
        Assert.Equal(Math.Cos(Math.Sin(a)) + Math.Cos(a * b), g.Value, 12);
        Assert.Equal(-Math.Sin(Math.Sin(a)) * Math.Cos(a) - b * Math.Sin(a * b), g.Gradient[0], 12);
        Assert.Equal(-a * Math.Sin(a * b), g.Gradient[1], 12);
        Assert.Equal(2 * 2, point.Plan.CircuitCount);
        Assert.Equal(4, (int)type.GetField("CircuitGradientCircuits")!.GetValue(null)!);
    }

    [Fact]
    public void DataOnlyAnglesNeedNoShiftedCircuits()
    {
        var (type, _) = Load((string)Shapes.First(s => (string)s[0] == "DataEncodingAndReuploading")[1], "Classifier", 2);
        // Four trained RY (2 circuits each) and two re-uploading RZ (2 each); the two encoding RY none.
        Assert.Equal(12, (int)type.GetField("ModelGradientCircuits")!.GetValue(null)!);
        Assert.Equal(8, (int)type.GetField("ModelAngleCount")!.GetValue(null)!);
        var plan = (ShiftPlan)type.GetProperty("ModelPlan")!.GetValue(null)!;
        Assert.Empty(plan.ForParameter(0));
        Assert.Empty(plan.ForParameter(1));
    }

    [Fact]
    public void DataSetMeanLossAndGradientEqualTheAverageOfTheUserMethodAndItsFiniteDifference()
    {
        var source = (string)Shapes.First(s => (string)s[0] == "DataEncodingAndReuploading")[1];
        var (output, _) = GeneratorHarness.Run(Usings + source);
        var type = GeneratorHarness.Load(output).GetType("Classifier")!;
        var mean = type.GetMethod("LossMean")!.CreateDelegate<LossMean>();
        var meanWithGradient = type.GetMethod("LossMeanWithGradient")!.CreateDelegate<LossMeanWithGradient>();
        var user = type.GetMethod("Loss", BindingFlags.NonPublic | BindingFlags.Static)!;

        var inputs = new[] { new[] { 0.1, 0.9 }, new[] { 0.7, -0.4 }, new[] { -0.6, 0.3 } };
        var targets = new[] { 1.0, -1.0, 0.5 };
        double Independent(double[] t) => inputs.Select((x, i) =>
            (double)user.Invoke(null, new object[] { Measurements.Of(StateVector.Run(Record(type, t, x).Bind(Array.Empty<double>()))), targets[i] })!).Average();

        var theta = new[] { 0.4, -1.2, 0.8, 2.1 };
        var result = meanWithGradient(theta, inputs, targets, null, ExactGrad.Plans.DifferentiationMethod.ParameterShift);
        var adjoint = meanWithGradient(theta, inputs, targets, null, null);
        Assert.Equal("adjoint", adjoint.Method);
        for (int j = 0; j < theta.Length; j++) Assert.True(Math.Abs(result.Gradient[j] - adjoint.Gradient[j]) < 1e-12, $"θ{j}: shift rules vs adjoint");
        Assert.Equal(Independent(theta), result.Value, 12);
        Assert.Equal(Independent(theta), mean(theta, inputs, targets, null), 12);
        var fd = FiniteDifferences.SixPoint(Independent, theta);
        for (int j = 0; j < theta.Length; j++)
            Assert.True(Math.Abs(result.Gradient[j] - fd[j]) < 1e-10, $"θ{j}: {result.Gradient[j]} vs finite difference {fd[j]}");
        // Per sample: the value and 10 of the 12 shifted circuits (the last RZ on qubit 1 is outside Z0's light cone).
        Assert.Equal(3 * (1 + 10), result.CircuitEvaluations);
    }

    [Fact]
    public void ShotGradientOverThetaStaysWithinFourStandardErrorsOfTheExactOne()
    {
        var source = (string)Shapes.First(s => (string)s[0] == "DataEncodingAndReuploading")[1];
        var (output, _) = GeneratorHarness.Run(Usings + source);
        var type = GeneratorHarness.Load(output).GetType("Classifier")!;
        var withGradient = type.GetMethod("LossWithGradient")!.CreateDelegate<LossWithGradient>();
        var at = type.GetMethod("ModelAt")!.CreateDelegate<AtWithInputs>();
        double[] theta = { 0.4, -1.2, 0.8, 2.1 }, x = { 0.7, -0.4 };
        // A linear cost (label 0 makes (Z0 - 0)² nonlinear, so use the expectation itself) keeps the SE complete.
        var point = at(theta, x);
        var exact = point.Pullback(ParameterShift.Gradient(point.Plan, Observable.Parse("Z0"), point.Angles));
        var shots = point.Pullback(ParameterShift.Gradient(point.Plan, Observable.Parse("Z0"), point.Angles, new ShotEstimator(40_000, seed: 5)));
        for (int j = 0; j < theta.Length; j++)
        {
            Assert.True(shots.StandardErrors[j] > 0);
            Assert.True(Math.Abs(shots.Gradient[j] - exact.Gradient[j]) < 4 * shots.StandardErrors[j], $"θ{j}: {shots.Gradient[j]} ± {shots.StandardErrors[j]} vs {exact.Gradient[j]}");
        }
        // Of the 12 shifted circuits, the last re-uploading RZ acts on qubit 1 after the last CNOT, outside Z0's light cone.
        Assert.Equal(1 + 10, withGradient(theta, x, 0.5, new ShotEstimator(1000, seed: 1), null).CircuitEvaluations);
        Assert.Equal(1 + 10, (int)type.GetField("LossCircuitsPerGradient")!.GetValue(null)!);
    }

    [Fact]
    public async System.Threading.Tasks.Task AsyncGradientOfADataCostOnABackendEqualsTheSynchronousOne()
    {
        var source = (string)Shapes.First(s => (string)s[0] == "DataEncodingAndReuploading")[1];
        var (output, _) = GeneratorHarness.Run(Usings + source);
        var type = GeneratorHarness.Load(output).GetType("Classifier")!;
        var sync = type.GetMethod("LossWithGradient")!.CreateDelegate<LossWithGradient>();
        var async = type.GetMethods().Single(m => m.Name == "LossWithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method")).CreateDelegate<Func<double[], double[], double, ExactGrad.Execution.GradientExecutor,
            ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>();
        double[] theta = { 0.4, -1.2, 0.8, 2.1 }, x = { 0.7, -0.4 };
        var expected = sync(theta, x, 0.5, null, null);
        var actual = await async(theta, x, 0.5, new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend()), null, default);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int j = 0; j < theta.Length; j++) Assert.True(Math.Abs(expected.Gradient[j] - actual.Gradient[j]) < 1e-12, $"θ{j}");
    }

    [Fact]
    public void BadArgumentsNameTheOffendingValue()
    {
        var (_, at) = Load((string)Shapes.First(s => (string)s[0] == "DataEncodingAndReuploading")[1], "Classifier", 2);
        var e = Assert.Throws<ArgumentException>(() => at(new[] { 1.0, 2.0, 3.0 }, new[] { 0.0, 0.0 }));
        Assert.Contains("Model takes 4 parameter(s); 3 were given", e.Message);
        e = Assert.Throws<ArgumentException>(() => at(new[] { 1.0, 2.0, 3.0, 4.0 }, new[] { 0.0, double.NaN }));
        Assert.Contains("x[1] is NaN", e.Message);
        e = Assert.Throws<ArgumentException>(() => at(new[] { 1.0, double.PositiveInfinity, 3.0, 4.0 }, new[] { 0.0, 0.0 }));
        Assert.Contains("theta[1] is Infinity", e.Message);
    }

    [Fact]
    public void UnreadableDerivedBodyIsRecordedAtRunTimeWithTheSameGradient()
    {
        const string source = """
            public static partial class Dynamic
            {
                public static int Depth = 2; // known only at run time
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
                static void Circuit(CircuitBuilder c, double[] theta, double[] x)
                {
                    for (int i = 0; i < Depth; i++) c.RY(Math.Sin(theta[i]) * x[0], i).RZ(theta[0] * theta[1], i);
                    c.CNOT(0, 1).RX(x[0], 1);
                }
                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Circuit(c, theta, x);
            }
            """;
        var (output, generated) = GeneratorHarness.Run(Usings + source);
        Assert.Contains("not read at compile time: 'Depth' at line", generated.Single());
        var type = GeneratorHarness.Load(output).GetType("Dynamic")!;
        var at = type.GetMethod("CircuitAt")!.CreateDelegate<AtWithInputs>();
        var h = Observable.Parse("Z0 + 0.5 X0 X1");
        double[] theta = { 0.3, -0.9 }, x = { 1.3 };
        var point = at(theta, x);
        var g = point.Pullback(ParameterShift.Gradient(point.Plan, h, point.Angles));
        var fd = FiniteDifferences.SixPoint(t => ExactEstimator.Instance.Evaluate(Record(type, t, x).Bind(Array.Empty<double>()), h).Value, theta);
        // The recorded Jacobian is a central difference (about 1e-11); the circuit part stays exact.
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(g.Gradient[j] - fd[j]) < 1e-9, $"θ{j}: {g.Gradient[j]} vs {fd[j]}");
        // The data-only RX gets no shifted circuits: four RY/RZ angles, two circuits each.
        Assert.Equal(8, point.Plan.CircuitCount);
    }

    [Fact]
    public void RecordedCircuitWhoseGatesDependOnThetaIsRejectedByName()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AnsatzRecorder.Record("Jumpy",
            (c, t, x) => { if (t[0] > 0.5) c.RX(t[0], 0); else c.RY(t[0], 0); }, 1, 1, 0, new[] { 0.5 }, default));
        Assert.Contains("Jumpy: the gates change when theta[0] moves", e.Message);
    }

    private static (Type Type, AtWithInputs At) Load(string source, string typeName, int inputs)
    {
        var (output, _) = GeneratorHarness.Run(Usings + source);
        var type = GeneratorHarness.Load(output).GetType(typeName)!;
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name.EndsWith("At", StringComparison.Ordinal));
        if (inputs > 0) return (type, method.CreateDelegate<AtWithInputs>());
        var at = method.CreateDelegate<At>();
        return (type, (theta, _) => at(theta));
    }

    private static Circuit Record(Type type, double[] theta, double[] x) => DerivedSamples.Record(type, theta, x);

    private static (double[] Theta, double[] X)[] Points(int parameters, int inputs) => DerivedSamples.Points(parameters, inputs);
}
