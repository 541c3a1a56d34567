using System.Linq;
using ExactGrad.Generators.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Inputs that once compiled, ran and gave a circuit or cost value other than the user's own methods. Each
/// is compiled with the generated code, run, and compared with what the methods build and compute: the
/// statically read circuit must equal the built one, or the method is recorded at run time.
/// </summary>
public class WrongResultRegressionTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";

    private static Agreement.Report AssertAgrees(string source, int circuits, int costs = 0)
    {
        var (output, _) = GeneratorHarness.Run(Usings + source);
        var report = Agreement.Check(GeneratorHarness.Load(output));
        Assert.Empty(report.Differences);
        Assert.Equal(circuits, report.Circuits);
        Assert.Equal(costs, report.Costs);
        return report;
    }

    [Fact]
    public void DoubleLocalHalvedInALoopKeepsItsRealValue()
    {
        AssertAgrees("""
            public static partial class Decay
            {
                [Ansatz(Qubits = 2, Parameters = 4)]
                static void Layers(CircuitBuilder c, Parameters theta)
                {
                    double scale = 1;
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < 2; q++) c.RY(scale * theta[2 * layer + q], q);
                        c.CNOT(0, 1);
                        scale = scale / 2;
                    }
                }
                [Cost(nameof(Layers))]
                static double E(Measurements m) => m.Expect("Z0 Z1") + 0.5 * m.Expect("X0");
            }
            """, circuits: 1, costs: 2);
    }

    [Fact]
    public void DoubleLocalOfTheDerivedShapeInitialisedWithAnIntegerIsReal()
    {
        AssertAgrees("""
            public static partial class DecayDerived
            {
                [Ansatz(Qubits = 2, Parameters = 4)]
                static void Layers(CircuitBuilder c, double[] theta)
                {
                    double scale = 1;
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < 2; q++) c.RY(Math.Sin(scale * theta[2 * layer + q]), q);
                        c.CNOT(0, 1);
                        scale /= 2;
                    }
                }
            }
            """, circuits: 1);
    }

    [Fact]
    public void IntegerDivisionInAConstantAngleFollowsCSharp()
    {
        var (_, generated) = GeneratorHarness.Run(Usings + """
            public static partial class Halves
            {
                [Ansatz(Qubits = 2, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZ(1 / 2.0, 1).CNOT(0, 1).RZ(-1 / 7, 1).RX(theta[0] * (3 / 2), 0);
            }
            """);
        Assert.DoesNotContain("Not read at compile time", generated.Single());
        AssertAgrees("""
            public static partial class Halves
            {
                [Ansatz(Qubits = 2, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZ(1 / 2.0, 1).CNOT(0, 1).RZ(-1 / 7, 1).RX(theta[0] * (3 / 2), 0);
            }
            """, circuits: 1);
    }

    [Fact]
    public void IntegerDivisionOfIntegerLocalsInADerivedAngleAndInACostFollowsCSharp()
    {
        AssertAgrees("""
            public static partial class IntegerQuotients
            {
                [Ansatz(Qubits = 2, Parameters = 2)]
                static void Circuit(CircuitBuilder c, double[] theta)
                {
                    int three = 3;
                    for (int q = 0; q < 2; q++) c.RY(theta[q] * (three / 2) + q / 2, q);
                }
            }
            public static partial class IntegerCost
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Circuit))]
                static double E(Measurements m) => m.Expect("Z0") * (1 / 2) + (7 / 2) * m.Expect("X0");
            }
            """, circuits: 2, costs: 2);
    }

    [Fact]
    public void IndexArithmeticThatWrapsAnIntIsRecordedAtRunTime()
    {
        var (_, generated) = GeneratorHarness.Run(Usings + """
            public static partial class Wrapping
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    int big = int.MaxValue;
                    int k = big + big + 2; // unchecked in C#: 0
                    c.RY(theta[k], 0);
                }
            }
            """);
        Assert.Contains("// Not read at compile time: integer arithmetic at line", generated.Single());
        AssertAgrees("""
            public static partial class Wrapping
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    int big = int.MaxValue;
                    int k = big + big + 2;
                    c.RY(theta[k], 0);
                }
            }
            """, circuits: 1);
    }

    [Fact]
    public void LocalOfAnInnerBlockDoesNotShadowAFieldOfTheSameNameLater()
    {
        AssertAgrees("""
            public static partial class Scopes
            {
                const int Q = 1;
                [Ansatz(Qubits = 3, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    if (true) { int Q = 2; c.H(Q); }
                    c.RY(theta[0], Q);
                }
            }
            """, circuits: 1);
    }

    [Fact]
    public void AUserTypeNamedMathIsNotTakenForSystemMath()
    {
        AssertAgrees("""
            static class Math { public static double Sin(double v) => 2 * v; public static double PI => 3; }
            public static partial class OwnMath
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, double[] theta) => c.RY(Math.Sin(theta[0]), 0).RZ(Math.PI, 0);
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Affine(CircuitBuilder c, Parameters theta) => c.RY(theta[0] + Math.PI, 0);
                [Cost(nameof(Affine))]
                static double E(Measurements m) => Math.Sin(m.Expect("Z0"));
            }
            """, circuits: 2);
    }

    [Fact]
    public void FloatArithmeticIsRecordedRatherThanReadInDoubles()
    {
        AssertAgrees("""
            public static partial class Floats
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0] * (0.1f + 0.2f), 0).RZ(1f / 3f, 0);
            }
            """, circuits: 1);
    }
}
