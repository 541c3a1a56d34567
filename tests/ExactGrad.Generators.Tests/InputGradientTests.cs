using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// dC/dx over the data inputs (the vector-Jacobian product a quantum layer passes back): the generated
/// …WithInputGradient and …BatchWithInputGradient members against central differences in x of the user's own
/// method (recorded and simulated exactly), against the adjoint method over a circuit whose parameters are θ and
/// x together, against shot noise, and per sample against the batch.
/// </summary>
public class InputGradientTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";

    private delegate GradientResult WithInputGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double label, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double label, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult[] BatchWithInputGradient(ReadOnlySpan<double> theta, IReadOnlyList<double[]> inputs, IReadOnlyList<double> targets, IExpectationEstimator? estimator, DifferentiationMethod? method);

    /// <summary>Name, source (with a public Record wrapper around the ansatz and the cost as Loss(m, label)), θ count, x count, type.</summary>
    public static TheoryData<string, string, int, int, string> Shapes => new()
    {
        { "Reuploading", """
            public static partial class Classifier
            {
                [Ansatz(Qubits = 2, Parameters = 4, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    for (int q = 0; q < 2; q++) c.RY(Math.PI * x[q], q);
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < 2; q++) c.RY(theta[2 * layer + q], q);
                        c.CNOT(0, 1);
                        c.RZ(x[0] * theta[layer], 1);
                    }
                    c.RX(x[1], 1);
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0 + 0.5 X1") - label, 2) + m.Expect("Y1");

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Model(c, theta, x);
            }
            """, 4, 2, "Classifier" },
        { "NonAffineEncoding", """
            public static partial class Curved
            {
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    c.RY(Math.Sin(x[0] * theta[1]), 0).RX(Math.Exp(0.3 * x[1]) - x[0] * x[0], 1);
                    c.CNOT(0, 1).RZ(Math.Atan2(x[1], 1.5) + theta[0], 1).CRY(Math.Tanh(theta[0] * x[1]), 1, 0);
                    c.PauliRotation(Math.Cos(x[0]) * theta[1], "XY");
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Exp(m.Expect("Z0 Z1") * label) - m.Expect("X0 + 0.3 Z1");

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Model(c, theta, x);
            }
            """, 2, 2, "Curved" },
        { "RecordedAtRunTime", """
            public static partial class Dynamic
            {
                public static int Depth = 2; // known only at run time
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    for (int i = 0; i < Depth; i++) c.RY(Math.Sin(theta[i]) * x[i], i).RZ(theta[0] * x[1], i);
                    c.CNOT(0, 1).RX(x[0] * x[1], 1);
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0 + X1") - label, 2);

                public static void Record(CircuitBuilder c, double[] theta, double[] x) => Model(c, theta, x);
            }
            """, 2, 2, "Dynamic" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradientEqualsACentralDifferenceInXOfTheUsersMethod(string name, string source, int parameters, int inputs, string typeName)
    {
        var type = Load(source, typeName);
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        const double label = 0.4;
        foreach (var (theta, x) in Points(parameters, inputs))
        {
            // A recorded body's Jacobian is a central difference of recordings (about 1e-11), the compiled one exact.
            foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
            {
                var r = withInputs(theta, x, label, null, method);
                Assert.NotNull(r.InputGradient);
                Assert.Equal(inputs, r.InputGradient!.Count);
                Assert.All(r.InputStandardErrors!, se => Assert.Equal(0, se));
                var overX = FiniteDifferences.SixPoint(v => Exact(type, theta, v, label), x);
                var overTheta = FiniteDifferences.SixPoint(t => Exact(type, t, x, label), theta);
                Assert.Equal(Exact(type, theta, x, label), r.Value, 12);
                for (int i = 0; i < inputs; i++)
                    Assert.True(Math.Abs(r.InputGradient[i] - overX[i]) < 1e-8, $"{name} {r.Method} x{i}: {r.InputGradient[i]} vs finite difference {overX[i]}");
                for (int j = 0; j < parameters; j++)
                    Assert.True(Math.Abs(r.Gradient[j] - overTheta[j]) < 1e-8, $"{name} {r.Method} θ{j}: {r.Gradient[j]} vs finite difference {overTheta[j]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ThetaGradientOfTheInputMembersIsTheOneThePlainMembersGiveWithNoExtraCircuitsForThem(string name, string source, int parameters, int inputs, string typeName)
    {
        var type = Load(source, typeName);
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        var plain = Method<WithGradient>(type, "LossWithGradient");
        var (theta, x) = Points(parameters, inputs)[1];
        var rules = DifferentiationMethod.ParameterShift;
        var a = plain(theta, x, 0.4, null, rules);
        var b = withInputs(theta, x, 0.4, null, rules);
        Assert.Null(a.InputGradient);
        Assert.Equal(a.Value, b.Value, 14);
        for (int j = 0; j < parameters; j++) Assert.True(Math.Abs(a.Gradient[j] - b.Gradient[j]) < 1e-12, $"{name} θ{j}");
        // The plain gradient shifts only the angles that depend on θ; the input gradient also those that depend on x only.
        int thetaCircuits = Count(type, "ModelGradientCircuits"), bothCircuits = Count(type, "ModelInputGradientCircuits");
        Assert.True(bothCircuits > thetaCircuits, $"{name}: {bothCircuits} vs {thetaCircuits}");
        Assert.True(a.CircuitEvaluations < b.CircuitEvaluations, $"{name}: {a.CircuitEvaluations} vs {b.CircuitEvaluations}");
    }

    [Fact]
    public void InputGradientEqualsTheAdjointOverACircuitWhoseParametersAreThetaAndX()
    {
        // Angles affine in one variable each, so the same circuit can be built with θ and x as its parameters.
        var type = Load("""
            public static partial class Affine
            {
                [Ansatz(Qubits = 3, Parameters = 3, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    c.RY(Math.PI * x[0], 0).RY(2 * x[1] - 0.3, 1).RX(theta[0], 2);
                    c.CNOT(0, 1).RZ(theta[1] + 0.2, 1).CNOT(1, 2).RXX(-0.5 * x[0], 0, 2).RY(theta[2], 0).CRX(x[1], 2, 1);
                }

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0 Z1") - label, 2) + Math.Sin(m.Expect("X2 + 0.5 Y1"));
            }
            """, "Affine");
        int p = 3;
        var b = new CircuitBuilder(3, p + 2);
        var v = b.Parameters; // v[0..2] = θ, v[3..4] = x
        b.RY(Math.PI * v[3], 0).RY(2 * v[4] - 0.3, 1).RX(v[0], 2);
        b.CNOT(0, 1).RZ(v[1] + 0.2, 1).CNOT(1, 2).RXX(-0.5 * v[3], 0, 2).RY(v[2], 0).CRX(v[4], 2, 1);
        var circuit = b.Build();
        var observables = new[] { Observable.Parse("Z0 Z1"), Observable.Parse("X2 + 0.5 Y1") };
        const double label = -0.3;
        CostPoint Cost(IReadOnlyList<Estimate> q) => new(Math.Pow(q[0].Value - label, 2) + Math.Sin(q[1].Value), new[] { 2 * (q[0].Value - label), Math.Cos(q[1].Value) });

        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        foreach (var (theta, x) in Points(p, 2))
        {
            var independent = Adjoint.CostGradient(circuit, observables, theta.Concat(x).ToArray(), Cost);
            foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
            {
                var r = withInputs(theta, x, label, null, method);
                Assert.Equal(independent.Value, r.Value, 12);
                for (int j = 0; j < p; j++) Assert.True(Math.Abs(r.Gradient[j] - independent.Gradient[j]) < 1e-10, $"{r.Method} θ{j}");
                for (int i = 0; i < 2; i++)
                    Assert.True(Math.Abs(r.InputGradient![i] - independent.Gradient[p + i]) < 1e-10, $"{r.Method} x{i}: {r.InputGradient[i]} vs {independent.Gradient[p + i]}");
            }
        }
    }

    [Fact]
    public void ShotInputGradientStaysWithinFourStandardErrorsOfTheExactOne()
    {
        // A cost linear in its expectations: the standard errors are then complete (no plug-in weight).
        var type = Load("""
            public static partial class Linear
            {
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x) =>
                    c.RY(Math.PI * x[0], 0).RY(x[1] * theta[0], 1).CNOT(0, 1).RX(Math.Sin(x[0]) + theta[1], 0);

                [Cost(nameof(Model))]
                static double Loss(Measurements m, double label) => label * m.Expect("Z0 + 0.5 X1 - 0.7 Z0 Z1");
            }
            """, "Linear");
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        double[] theta = { 0.6, -1.1 }, x = { 0.3, 0.8 };
        var exact = withInputs(theta, x, 1.5, null, null);
        var shots = withInputs(theta, x, 1.5, new ShotEstimator(40_000, seed: 11), null);
        Assert.Equal("parameter-shift", shots.Method);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(shots.InputStandardErrors![i] > 0, $"x{i}");
            Assert.True(Math.Abs(shots.InputGradient![i] - exact.InputGradient![i]) < 4 * shots.InputStandardErrors[i],
                $"x{i}: {shots.InputGradient[i]} ± {shots.InputStandardErrors[i]} vs {exact.InputGradient[i]}");
        }
        for (int j = 0; j < 2; j++)
            Assert.True(Math.Abs(shots.Gradient[j] - exact.Gradient[j]) < 4 * shots.StandardErrors[j], $"θ{j}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BatchResultsAreThePerSampleResults(string name, string source, int parameters, int inputs, string typeName)
    {
        var type = Load(source, typeName);
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        var batch = Method<BatchWithInputGradient>(type, "LossBatchWithInputGradient");
        var theta = Points(parameters, inputs)[0].Theta;
        var data = new[] { Enumerable.Range(0, inputs).Select(i => 0.1 + 0.4 * i).ToArray(), Enumerable.Range(0, inputs).Select(i => -0.7 + 0.2 * i).ToArray(), Enumerable.Range(0, inputs).Select(i => 1.3 - i).ToArray() };
        var targets = new[] { 0.5, -1.0, 0.25 };
        foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
        {
            var results = batch(theta, data, targets, null, method);
            Assert.Equal(data.Length, results.Length);
            for (int s = 0; s < data.Length; s++)
            {
                var one = withInputs(theta, data[s], targets[s], null, method);
                Assert.Equal(one.Value, results[s].Value);
                Assert.Equal(one.Gradient, results[s].Gradient);
                Assert.Equal(one.InputGradient!, results[s].InputGradient!);
                Assert.Equal(one.CircuitEvaluations, results[s].CircuitEvaluations);
            }
        }
        var e = Assert.Throws<ArgumentException>(() => batch(theta, data, targets.Take(2).ToArray(), null, null));
        Assert.Contains("3 input(s) but 2 target(s)", e.Message);
        Assert.Empty(batch(theta, Array.Empty<double[]>(), Array.Empty<double>(), null, null));
        Assert.True(name.Length > 0);
    }

    [Fact]
    public async System.Threading.Tasks.Task BackendFormsEqualTheEstimatorForms()
    {
        var source = (string)Shapes.First(s => (string)s[0] == "Reuploading")[1];
        var type = Load(source, "Classifier");
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        var batch = Method<BatchWithInputGradient>(type, "LossBatchWithInputGradient");
        var one = type.GetMethods().Single(m => m.Name == "LossWithInputGradientAsync" && !m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], double[], double, ExactGrad.Execution.GradientExecutor, ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>();
        var many = type.GetMethods().Single(m => m.Name == "LossBatchWithInputGradientAsync" && m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], IReadOnlyList<double[]>, IReadOnlyList<double>, ExactGrad.Execution.GradientExecutor, ExactGrad.Execution.ShotAllocation?, DifferentiationMethod?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult[]>>>();
        double[] theta = { 0.4, -1.2, 0.8, 2.1 }, x = { 0.7, -0.4 };
        var executor = new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend());
        var expected = withInputs(theta, x, 0.5, null, null);
        var actual = await one(theta, x, 0.5, executor, null, default);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(expected.InputGradient![i] - actual.InputGradient![i]) < 1e-12, $"x{i}");
        var data = new[] { x, new[] { -0.2, 0.9 } };
        var rules = await many(theta, data, new[] { 0.5, -0.5 }, executor, null, DifferentiationMethod.ParameterShift, default);
        var exact = batch(theta, data, new[] { 0.5, -0.5 }, null, null);
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < 2; i++) Assert.True(Math.Abs(rules[s].InputGradient![i] - exact[s].InputGradient![i]) < 1e-12, $"sample {s} x{i}");
    }

    [Fact]
    public void XOfTheWrongLengthIsRefusedNamingBothCounts()
    {
        var type = Load((string)Shapes.First(s => (string)s[0] == "Reuploading")[1], "Classifier");
        var withInputs = Method<WithInputGradient>(type, "LossWithInputGradient");
        var batch = Method<BatchWithInputGradient>(type, "LossBatchWithInputGradient");
        var e = Assert.Throws<ArgumentException>(() => withInputs(new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { 0.5 }, 0, null, null));
        Assert.Contains("Model takes 2 data input(s); 1 were given", e.Message);
        e = Assert.Throws<ArgumentException>(() => batch(new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { new[] { 0.5, 0.1 }, new[] { 0.5, 0.1, 0.2 } }, new[] { 0.0, 0.0 }, null, null));
        Assert.Contains("Model takes 2 data input(s); 3 were given", e.Message);
        e = Assert.Throws<ArgumentException>(() => withInputs(new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { 0.5, double.NaN }, 0, null, null));
        Assert.Contains("x[1] is NaN", e.Message);
    }

    [Fact]
    public void AskingForTheInputGradientOfACostWithoutDataInputsIsACompileErrorThatSaysWhy()
    {
        var (output, generated) = GeneratorHarness.Run(Usings + """
            public static partial class NoInputs
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Model(CircuitBuilder c, double[] theta) => c.RY(Math.Sin(theta[0]), 0);

                [Cost(nameof(Model))]
                static double Energy(Measurements m) => m.Expect("Z0");
            }
            """);
        Assert.DoesNotContain(generated, g => g.Contains("ModelAtWithInputs") || g.Contains("EnergyInputGradientPlan"));
        foreach (var call in new[] { "NoInputs.EnergyWithInputGradient(new[] { 0.1 }, new double[0])", "NoInputs.EnergyBatchWithInputGradient(new[] { 0.1 }, new[] { new double[0] })" })
        {
            var use = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("static class Use { static void F() => " + call + "; }", GeneratorHarness.ParseOptions);
            var error = Assert.Single(output.AddSyntaxTrees(use).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal("CS0619", error.Id);
            Assert.Contains("Energy's ansatz Model takes no data inputs x, so there is no gradient in x", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static double Exact(Type type, double[] theta, double[] x, double label)
    {
        var user = type.GetMethod("Loss", BindingFlags.NonPublic | BindingFlags.Static)!;
        return (double)user.Invoke(null, new object[] { Measurements.Of(StateVector.Run(DerivedSamples.Record(type, theta, x).Bind(Array.Empty<double>()))), label })!;
    }

    private static Type Load(string source, string typeName)
    {
        var (output, _) = GeneratorHarness.RunAllowingInfo(Usings + source);
        return GeneratorHarness.Load(output).GetType(typeName)!;
    }

    private static T Method<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static int Count(Type type, string member) =>
        type.GetField(member) is { } f ? (int)f.GetValue(null)! : (int)type.GetProperty(member)!.GetValue(null)!;

    private static (double[] Theta, double[] X)[] Points(int parameters, int inputs) => DerivedSamples.Points(parameters, inputs);
}
