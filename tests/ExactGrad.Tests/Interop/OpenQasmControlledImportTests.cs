using System;
using System.Numerics;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>
/// The controlled standard gates the importer reads (ch, cswap, cu, 2.0's cu3), each against its definition
/// written out here by hand: |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U on the named control and targets, phases included.
/// </summary>
public class OpenQasmControlledImportTests
{
    private const string Head3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";
    private const string Head2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static readonly double R = 1 / Math.Sqrt(2);

    private static void AssertUnitary(ComplexMatrix expected, string qasm, params double[] theta)
    {
        var actual = CircuitUnitary.Of(OpenQasmImporter.Import(qasm).Circuit.Bind(theta));
        Assert.True(ComplexMatrix.MaxDistance(expected, actual) < 1e-14, $"distance {ComplexMatrix.MaxDistance(expected, actual)}");
    }

    [Fact]
    public void Ch_is_the_hadamard_on_the_target_when_the_control_is_one()
    {
        AssertUnitary(QasmRoundTrip.ControlledReference(2, 1, new[] { 0 }, Reference.M(R, R, R, -R)), Head3 + "qubit[2] q;\nch q[1], q[0];\n");
        AssertUnitary(QasmRoundTrip.ControlledReference(2, 0, new[] { 1 }, Reference.M(R, R, R, -R)), Head2 + "qreg q[2];\nch q[0], q[1];\n");
    }

    [Fact]
    public void Cswap_swaps_its_two_targets_when_the_control_is_one()
    {
        var swap = new ComplexMatrix(new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } });
        AssertUnitary(QasmRoundTrip.ControlledReference(3, 2, new[] { 0, 1 }, swap), Head3 + "qubit[3] q;\ncswap q[2], q[0], q[1];\n");
    }

    [Fact]
    public void Cu_is_the_controlled_U_times_its_phase_gamma_on_the_control()
    {
        var u = QasmRoundTrip.U(0.7, -0.4, 1.9);
        var phased = new ComplexMatrix(2, 2);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 2; c++) phased[r, c] = Complex.FromPolarCoordinates(1, 0.25) * u[r, c];
        AssertUnitary(QasmRoundTrip.ControlledReference(2, 0, new[] { 1 }, phased), Head3 + "qubit[2] q;\ncu(0.7, -0.4, 1.9, 0.25) q[0], q[1];\n");
        // Parameters stay parameters: θ, φ, λ and γ may each be affine in an input.
        var program = OpenQasmImporter.Import(Head3 + "input float[64] a;\nqubit[2] q;\ncu(a, -0.4, 2*a - 0.1, a/4) q[0], q[1];\n");
        Assert.Equal(1, program.Circuit.ParameterCount);
        var expected = new ComplexMatrix(2, 2);
        var v = QasmRoundTrip.U(0.6, -0.4, 1.1);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 2; c++) expected[r, c] = Complex.FromPolarCoordinates(1, 0.15) * v[r, c];
        Assert.True(ComplexMatrix.MaxDistance(QasmRoundTrip.ControlledReference(2, 0, new[] { 1 }, expected), CircuitUnitary.Of(program.Circuit.Bind(new[] { 0.6 }))) < 1e-14);
    }

    [Fact]
    public void Cu3_of_openqasm2_is_the_controlled_U_as_qiskit_reads_it()
    {
        AssertUnitary(QasmRoundTrip.ControlledReference(2, 1, new[] { 0 }, QasmRoundTrip.U(2.1, 0.3, -1.2)), Head2 + "qreg q[2];\ncu3(2.1, 0.3, -1.2) q[1], q[0];\n");
    }

    [Fact]
    public void Cu3_of_openqasm3_is_refused_because_stdgates_gives_it_a_relative_phase()
    {
        var e = Assert.Throws<QasmFormatException>(() => OpenQasmImporter.Import(Head3 + "qubit[2] q;\ncu3(2.1, 0.3, -1.2) q[1], q[0];\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("write cu(θ, φ, λ, γ)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cu_with_three_angles_names_the_four_it_takes()
    {
        var e = Assert.Throws<QasmFormatException>(() => OpenQasmImporter.Import(Head3 + "qubit[2] q;\ncu(0.1, 0.2, 0.3) q[0], q[1];\n"));
        Assert.Contains("gate \"cu\" takes 4 angle(s); 3 given", e.Message, StringComparison.Ordinal);
    }
}
