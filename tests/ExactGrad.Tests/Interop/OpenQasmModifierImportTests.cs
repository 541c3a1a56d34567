using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>
/// Gate modifiers, global phases under a control, broadcasting and physical qubits, each against a unitary
/// written out here (the naive reference simulator) or built independently, phase included unless said.
/// </summary>
public class OpenQasmModifierImportTests
{
    private const string Head = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static ComplexMatrix Unitary(string qasm, params double[] theta) => CircuitUnitary.Of(OpenQasmImporter.Import(qasm).Circuit.Bind(theta));

    private static void AssertClose(ComplexMatrix expected, ComplexMatrix actual) =>
        Assert.True(ComplexMatrix.MaxDistance(expected, actual) < QasmRoundTrip.Tolerance, $"distance {ComplexMatrix.MaxDistance(expected, actual):G3}");

    [Fact]
    public void Ctrl_of_u3_makes_its_stdgates_phase_relative()
    {
        // stdgates.inc: u3(θ, φ, λ) = gphase(-(φ+λ)/2) U(θ, φ, λ); under a control that phase is seen.
        var u3 = Complex.FromPolarCoordinates(1, -(0.4 + 1.1) / 2) * QasmRoundTrip.U(0.9, 0.4, 1.1);
        AssertClose(QasmRoundTrip.ControlledReference(2, 1, new[] { 0 }, u3), Unitary(Head + "qubit[2] q;\nctrl @ u3(0.9, 0.4, 1.1) q[1], q[0];\n"));
        // U itself has no phase to make relative.
        AssertClose(QasmRoundTrip.ControlledReference(2, 1, new[] { 0 }, QasmRoundTrip.U(0.9, 0.4, 1.1)), Unitary(Head + "qubit[2] q;\nctrl @ U(0.9, 0.4, 1.1) q[1], q[0];\n"));
    }

    [Fact]
    public void Ctrl_of_a_definition_with_gphase_is_the_controlled_rz_of_the_specification_example()
    {
        const string text = Head + "input float[64] t;\ngate myrz(a) q {\n  gphase(-a/2);\n  U(0, 0, a) q;\n}\nqubit[2] q;\nctrl @ myrz(t) q[1], q[0];\n";
        var rz = Reference.M(Complex.FromPolarCoordinates(1, -0.35), 0, 0, Complex.FromPolarCoordinates(1, 0.35));
        AssertClose(QasmRoundTrip.ControlledReference(2, 1, new[] { 0 }, rz), Unitary(text, 0.7));
        // The same for a parameterised two-control version: the phase becomes a doubly controlled phase.
        const string two = Head + "input float[64] t;\ngate myrz(a) q {\n  gphase(-a/2);\n  U(0, 0, a) q;\n}\nqubit[3] q;\nctrl(2) @ myrz(2*t) q[0], q[2], q[1];\n";
        var rz2 = Reference.M(Complex.FromPolarCoordinates(1, -0.6), 0, 0, Complex.FromPolarCoordinates(1, 0.6));
        var expected = new ComplexMatrix(8, 8);
        for (int c = 0; c < 8; c++)
        {
            var psi = new Complex[8];
            psi[c] = 1;
            if ((c & 1) == 1 && (c & 4) == 4) psi = Reference.ApplyGate(psi, rz2, new[] { 1 });
            for (int r = 0; r < 8; r++) expected[r, c] = psi[r];
        }
        AssertClose(expected, Unitary(two, 0.6));
    }

    [Fact]
    public void Ctrl_of_gphase_is_a_phase_gate_and_negctrl_acts_when_the_control_is_zero()
    {
        AssertClose(Reference.M(1, 0, 0, Complex.FromPolarCoordinates(1, 0.8)), Unitary(Head + "qubit q;\nctrl @ gphase(0.8) q;\n"));
        // negctrl @ x q[0], q[1]: X on q[1] when q[0] is |0⟩.
        var expected = new ComplexMatrix(4, 4);
        foreach (var (from, to) in new[] { (0, 2), (2, 0), (1, 1), (3, 3) }) expected[to, from] = 1;
        AssertClose(expected, Unitary(Head + "qubit[2] q;\nnegctrl @ x q[0], q[1];\n"));
    }

    [Fact]
    public void Inv_of_a_definition_is_the_adjoint_of_its_unitary_and_integer_powers_repeat_it()
    {
        const string def = "gate g(a) x, y {\n  h x;\n  crz(a) x, y;\n  s y;\n  u3(0.3, a, 0.1) x;\n}\nqubit[2] q;\n";
        var g = Unitary(Head + def + "g(0.9) q[0], q[1];\n");
        // At the top level u3's phase is dropped in each, so these agree exactly.
        AssertClose(g.Adjoint(), Unitary(Head + def + "inv @ g(0.9) q[0], q[1];\n"));
        AssertClose(g * g * g, Unitary(Head + def + "pow(3) @ g(0.9) q[0], q[1];\n"));
        AssertClose(g.Adjoint() * g.Adjoint(), Unitary(Head + def + "pow(-2) @ g(0.9) q[0], q[1];\n"));
        AssertClose(Reference.PX, Unitary(Head + "qubit q;\npow(2) @ sx q;\n"));
        AssertClose(Reference.M(1, 0, 0, -Complex.ImaginaryOne), Unitary(Head + "qubit q;\ninv @ s q;\n"));
    }

    [Fact]
    public void Ctrl_of_inv_equals_inv_of_ctrl_as_the_specification_defines()
    {
        const string def = "gate g(a) x {\n  u3(a, 0.2, -0.5) x;\n  rz(a) x;\n}\nqubit[2] q;\n";
        var a = Unitary(Head + def + "ctrl @ inv @ g(1.3) q[1], q[0];\n");
        var b = Unitary(Head + def + "inv @ ctrl @ g(1.3) q[1], q[0];\n");
        AssertClose(a, b);
        AssertClose(Unitary(Head + def + "ctrl @ g(1.3) q[1], q[0];\n").Adjoint(), a);
    }

    [Fact]
    public void A_gate_over_a_register_broadcasts_and_two_registers_of_one_size_pair_up()
    {
        var b = new CircuitBuilder(5);
        b.H(0).H(1).CNOT(0, 2).CNOT(1, 3).CZ(4, 2).CZ(4, 3);
        var program = OpenQasmImporter.Import(Head + "qubit[2] a;\nqubit[2] b;\nqubit c;\nh a;\ncx a, b;\ncz c, b;\n");
        QasmRoundTrip.AssertSameUnitary(b.Build().Bind(Array.Empty<double>()), program.Circuit.Bind(Array.Empty<double>()));
    }

    [Fact]
    public void Physical_qubits_make_a_register_of_one_plus_the_highest_index_used()
    {
        var program = OpenQasmImporter.Import(Head + "bit[1] c;\nx $4;\ncx $4, $0;\nc[0] = measure $0;\n");
        Assert.Equal(5, program.Circuit.QubitCount);
        var b = new CircuitBuilder(5);
        b.X(4).CNOT(4, 0);
        QasmRoundTrip.AssertSameUnitary(b.Build().Bind(Array.Empty<double>()), program.Circuit.Bind(Array.Empty<double>()));
        Assert.Equal(new[] { new QasmMeasurement(0, 0) }, program.Measurements);
    }
}
