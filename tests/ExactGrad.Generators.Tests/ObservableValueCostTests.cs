using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>Costs over Hamiltonians held as values (a static readonly field, a get-only property, a file of terms): exact gradients.</summary>
public class ObservableValueCostTests
{
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);

    /// <summary>A 100-term Hamiltonian on 4 qubits, written as a file of "coefficient label" lines.</summary>
    private static Observable WriteHamiltonian(string path)
    {
        var random = new Random(7);
        var lines = Enumerable.Range(0, 100).Select(k =>
        {
            string label = new(Enumerable.Range(0, 4).Select(_ => "IXYZ"[random.Next(4)]).ToArray());
            return $"{(random.NextDouble() * 2 - 1).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} {label}";
        }).Prepend("# coefficient label").ToArray();
        File.WriteAllLines(path, lines);
        return Observable.FromFile(path);
    }

    [Fact]
    public void CostsOverAFieldAPropertyAndAFileLoadedHamiltonianHaveTheExactGradient()
    {
        string path = Path.Combine(Path.GetTempPath(), $"exactgrad-h-{Guid.NewGuid():N}.txt");
        try
        {
            var h = WriteHamiltonian(path);
            string source = $$"""
                using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
                public static partial class Molecule
                {
                    static readonly Observable Field = Observable.Parse("0.5 ZZII - 0.25 IXXI") + 0.75 * (PauliString.Parse("Z0") * PauliString.Parse("Z1"));
                    static Observable Property { get; } = PauliString.Parse("Y0 X1") * PauliString.Parse("X0 Y1") - Observable.Parse("YYII") + Observable.Parse("X0 + Z1") * Observable.Parse("X0 + Z1");
                    internal static readonly Observable FromFile = Observable.FromFile({{SourceLiteral(path)}});

                    [Ansatz(Qubits = 4, Parameters = 8)]
                    static void Ansatz(CircuitBuilder c, Parameters theta)
                    {
                        for (int q = 0; q < 4; q++) c.RY(theta[q], q);
                        for (int q = 0; q < 3; q++) c.CNOT(q, q + 1);
                        for (int q = 0; q < 4; q++) c.RX(theta[4 + q], q);
                        c.PauliRotation(theta[0], "XYZI");
                    }

                    [Cost(nameof(Ansatz))] static double OverField(Measurements m) => m.Expect(Field);
                    [Cost(nameof(Ansatz))] static double OverProperty(Measurements m) => 2 * m.Expect(Property) + m.Expect("Z3");
                    [Cost(nameof(Ansatz))] static double OverFile(Measurements m) => m.Expect(FromFile);
                }
                """;
            var (output, generated) = GeneratorHarness.Run(source);
            Assert.Contains(generated, g => g.Contains("CostQuantity.Expectation(global::Molecule.FromFile)"));
            var type = GeneratorHarness.Load(output).GetType("Molecule")!;
            var circuit = (Circuit)type.GetProperty("AnsatzCircuit")!.GetValue(null)!;
            Observable Held(string name) => (Observable)(type.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
                ?? type.GetProperty(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!);
            var effective = new (string Cost, Observable H)[]
            {
                ("OverField", Held("Field")),
                ("OverProperty", 2.0 * Held("Property") + Observable.Parse("ZIII")),
                ("OverFile", h),
            };
            Assert.InRange(h.Terms.Count, 50, 100); // 100 lines over 256 labels: like terms merged
            var theta = Enumerable.Range(0, 8).Select(k => 0.2 + 0.37 * k).ToArray();
            foreach (var (cost, observable) in effective)
            {
                var expected = Adjoint.Gradient(circuit, observable, theta);
                var withGradient = type.GetMethod(cost + "WithGradient")!.CreateDelegate<WithGradient>();
                foreach (var method in new ExactGrad.Plans.DifferentiationMethod?[] { null, ExactGrad.Plans.DifferentiationMethod.ParameterShift })
                {
                    var r = withGradient(theta, null, method);
                    Assert.True(Math.Abs(expected.Value - r.Value) < 1e-10, $"{cost}: value {r.Value} vs {expected.Value}");
                    for (int k = 0; k < 8; k++)
                        Assert.True(Math.Abs(expected.Gradient[k] - r.Gradient[k]) < 1e-10, $"{cost} ({r.Method}) θ{k}: {r.Gradient[k]} vs adjoint {expected.Gradient[k]}");
                    if (method is not null) Assert.Equal(GeneratorHarness.Count(type, cost + "CircuitsPerGradient"), r.CircuitEvaluations);
                }
            }
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("static Observable H => Observable.Parse(\"ZZ\");", "is not a static readonly field or get-only static auto-property")]
    [InlineData("static Observable H = Observable.Parse(\"ZZ\");", "is not a static readonly field or get-only static auto-property")]
    [InlineData("static Observable H { get; set; } = Observable.Parse(\"ZZ\");", "is not a static readonly field or get-only static auto-property")]
    public void AnObservableThatMayChangeBetweenCallsGetsNoGeneratedGradient(string member, string reason)
    {
        string source = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\npublic static partial class Molecule\n{\n" + member + """

                [Ansatz(Qubits = 2, Parameters = 1)] static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Ansatz))] static double E(Measurements m) => m.Expect(H);
            }
            """;
        var (_, generated) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(generated, g => g.Contains("EWithGradient"));
        var model = GeneratorHarness.Compile(source);
        var tree = model.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "E");
        Assert.Null(ExactGrad.Generators.Parsing.CostReader.Read(method, model.GetSemanticModel(tree), out _, out var failure, default));
        Assert.Contains(reason, failure!.Reason);
    }

    private static string SourceLiteral(string s) => "@\"" + s.Replace("\"", "\"\"") + "\"";
}
