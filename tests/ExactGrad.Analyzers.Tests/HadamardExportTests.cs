using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

/// <summary>EXG1015: a Hadamard-test overlap cost whose ansatz uses a gate OpenQASM cannot express.</summary>
public class HadamardExportTests
{
    private const string Bell = """
            [Ansatz(Qubits = 2)]
            static void Bell(CircuitBuilder c) => c.H(0).CNOT(0, 1);

            static readonly RotationGate Wobble = GateCatalog.Custom("Wobble",
                new ExactGrad.Numerics.ComplexMatrix(new System.Numerics.Complex[,] { { 1, 0.5 }, { 0.5, -1 } }));

            sealed class Spin : Gate
            {
                public Spin() : base("Spin", 1, 1, 0) { }
                public override GateLayout Layout => GateLayout.Dense;
                public override void WriteMatrix(ReadOnlySpan<double> angles, Span<System.Numerics.Complex> m)
                {
                    m[0] = Math.Cos(angles[0]); m[1] = -Math.Sin(angles[0]); m[2] = Math.Sin(angles[0]); m[3] = Math.Cos(angles[0]);
                }
            }

            sealed class Flip : Gate
            {
                public Flip() : base("Flip", 1, 0, 0) { }
                public override GateLayout Layout => GateLayout.Dense;
                public override void WriteMatrix(ReadOnlySpan<double> angles, Span<System.Numerics.Complex> m) { m[0] = 0; m[1] = 1; m[2] = 1; m[3] = 0; }
            }

        """;

    private const string Message = "'Compile' measures Tr(V†U) by Hadamard tests, but 'Ansatz' uses {0}, which has no OpenQASM form: " +
                                   "neither the ansatz nor its Hadamard tests (a controlled copy of each of its gates) can be exported to OpenQASM or run on IbmRuntimeBackend";

    [Fact]
    public Task A_custom_generator_gate_in_the_ansatz_is_a_warning_at_the_first_overlap_naming_the_gate() => VerifyAsync(DiagnosticIds.HadamardTestNotExportable, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                c.RY(theta[0], 0).CNOT(0, 1);
                c.Gate(Wobble, new[] { 1 }, new[] { theta[1] });
            }

            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - {|#0:m.OverlapReal(nameof(Bell))|} * m.OverlapReal(nameof(Bell)) - m.OverlapImaginary(nameof(Bell));
        """), string.Format(Message, "the custom gate 'Wobble' (a user-defined generator)"));

    [Fact]
    public Task A_controlled_custom_gate_through_a_local_and_a_user_gate_class_with_angles_are_named() => VerifyAsync(DiagnosticIds.HadamardTestNotExportable, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                var controlled = ControlledGate.Of(Wobble);
                c.Gate(controlled, new[] { 0, 1 }, new Angle[] { theta[0] });
            }

            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => {|#0:m.OverlapImaginary(nameof(Bell))|};

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Spinning(CircuitBuilder c, Parameters theta) => c.H(1).Gate(new Spin(), new[] { 0 }, [theta[0]]);

            [Cost(nameof(Spinning))]
            static double Compile2(Measurements m) => {|#1:m.OverlapReal(nameof(Bell))|};
        """), string.Format(Message, "a controlled custom gate 'Wobble' (a user-defined generator)"),
        string.Format(Message, "the user-defined gate class 'Spin' (with angles)").Replace("'Compile'", "'Compile2'").Replace("'Ansatz'", "'Spinning'"));

    [Fact]
    public Task Catalog_gates_fixed_user_gates_targets_and_other_costs_are_not_reported() => VerifyNoneAsync(DiagnosticIds.HadamardTestNotExportable, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Exportable(CircuitBuilder c, Parameters theta)
            {
                c.Gate(GateCatalog.RX, new[] { 0 }, new[] { theta[0] });
                c.Gate(ControlledGate.Of(GateCatalog.U3), new[] { 0, 1 }, new Angle[] { theta[1], 0.1, 0.2 });
                c.Gate(new Flip(), new[] { 1 }, ReadOnlySpan<Angle>.Empty);
            }

            [Cost(nameof(Exportable))]
            static double ByOverlap(Measurements m) => 1 - m.OverlapReal(nameof(Bell));

            // A target's custom gate reaches the tests as a fixed matrix (V†), which is exported.
            [Ansatz(Qubits = 2)]
            static void WobblyTarget(CircuitBuilder c) => c.H(0).Gate(Wobble, new[] { 1 }, new Angle[] { 0.3 });

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Custom(CircuitBuilder c, Parameters theta) => c.Gate(Wobble, new[] { 0 }, new[] { theta[0] });

            [Cost(nameof(Exportable))]
            static double ToWobblyTarget(Measurements m) => m.OverlapReal(nameof(WobblyTarget));

            // Not a Hadamard-test cost: EXG1015 is about the overlap's tests.
            [Cost(nameof(Custom))]
            static double ByHilbertSchmidt(Measurements m) => 1 - m.HilbertSchmidt(nameof(Bell)) + m.Expect("ZZ");
        """));
}
