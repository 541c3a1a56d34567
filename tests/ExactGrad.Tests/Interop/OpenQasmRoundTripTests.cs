using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

public class OpenQasmRoundTripTests
{
    // Every catalog gate, fixed and parameterized, plus multi-qubit Pauli-string rotations.
    private static IReadOnlyList<Gate> WholeCatalog() => GateCatalog.All
        .Append(GateCatalog.PauliRotation(PauliString.Parse("XYZ")).Gate)
        .Append(GateCatalog.PauliRotation(PauliString.Parse("YIY")).Gate)
        .ToArray();

    private static void AssertSameUnitary(BoundCircuit expected, BoundCircuit actual)
    {
        var a = CircuitUnitary.Of(expected);
        var b = CircuitUnitary.Of(actual);
        // Every decomposition the exporter uses is exact, so no global phase is allowed for.
        for (int r = 0; r < a.Rows; r++)
            for (int c = 0; c < a.Columns; c++)
                Assert.True((a[r, c] - b[r, c]).Magnitude < 1e-12, $"U[{r},{c}]: {a[r, c]} vs {b[r, c]}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Qasm3_export_then_import_of_random_parameterized_circuits_gives_the_same_unitary(int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits: 3, parameters: 4, depth: 40, rng, WholeCatalog());
        Assert.Contains(circuit.Operations, o => o.Gate.ParameterCount == 0);
        var program = OpenQasmImporter.Import(OpenQasmExporter.Export(circuit));
        Assert.Equal(circuit.ParameterCount, program.Circuit.ParameterCount);
        var theta = RandomCircuits.Theta(circuit.ParameterCount, rng);
        AssertSameUnitary(circuit.Bind(theta), program.Circuit.Bind(theta));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Qasm2_export_then_import_of_random_bound_circuits_gives_the_same_unitary(int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits: 3, parameters: 4, depth: 40, rng, WholeCatalog());
        var bound = circuit.Bind(RandomCircuits.Theta(circuit.ParameterCount, rng));
        string text = OpenQasmExporter.Export(bound, QasmVersion.Qasm2);
        Assert.DoesNotContain("swap", text, StringComparison.Ordinal);   // not in the original qelib1.inc
        Assert.DoesNotContain("crx", text, StringComparison.Ordinal);
        var program = OpenQasmImporter.Import(text);
        AssertSameUnitary(bound, program.Circuit.Bind(Array.Empty<double>()));
    }

    [Fact]
    public void Every_fixed_and_parameterized_catalog_gate_survives_both_dialects()
    {
        foreach (var gate in WholeCatalog())
        {
            var b = new CircuitBuilder(gate.QubitCount, gate.ParameterCount);
            b.Gate(gate, Enumerable.Range(0, gate.QubitCount).Reverse().ToArray(),
                Enumerable.Range(0, gate.ParameterCount).Select(k => 0.7 * b.Parameters[k] - 0.2).ToArray());
            var circuit = b.Build();
            var theta = Enumerable.Range(0, gate.ParameterCount).Select(k => 0.3 + k).ToArray();
            AssertSameUnitary(circuit.Bind(theta), OpenQasmImporter.Import(OpenQasmExporter.Export(circuit)).Circuit.Bind(theta));
            AssertSameUnitary(circuit.Bind(theta), OpenQasmImporter.Import(OpenQasmExporter.Export(circuit.Bind(theta), QasmVersion.Qasm2)).Circuit.Bind(Array.Empty<double>()));
        }
    }

    [Fact]
    public void Angles_come_back_bit_for_bit()
    {
        double[] values = { 0.1, -1e-300, 1.0 / 3, Math.PI, 123456789.123, 5e-324, -0.0, 1e21 };
        var b = new CircuitBuilder(1, 1);
        foreach (var v in values) b.RZ(v, 0);
        b.RY(1.0 / 3 * b.Parameters[0] - 0.1, 0);
        var program = OpenQasmImporter.Import(OpenQasmExporter.Export(b.Build()));
        var ops = program.Circuit.Operations;
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(ops[i].Angles[0].Offset));
        Assert.Equal(Angle.Parameter(0, 1.0 / 3, -0.1), ops[^1].Angles[0]);
    }

    [Fact]
    public void Golden_qasm3_text_of_a_small_parameterized_circuit()
    {
        var b = new CircuitBuilder(2, 2);
        b.H(0).RY(b.Parameters[0], 1).CNOT(0, 1).RZ(2 * b.Parameters[1] + 0.1, 1).RZZ(-b.Parameters[0], 0, 1).U3(0.5, 1e-5, -Math.PI, 0);
        string text = OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm3, new QasmExportOptions { MeasureAll = true });
        Assert.Equal(
            "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta_0;\ninput float[64] theta_1;\nqubit[2] q;\nbit[2] c;\n" +
            "h q[0];\nry(theta_0) q[1];\ncx q[0], q[1];\nrz(2.0*theta_1 + 0.1) q[1];\n" +
            "cx q[0], q[1];\nrz(-theta_0) q[1];\ncx q[0], q[1];\n" +
            "U(0.5, 1.0E-05, -3.141592653589793) q[0];\n" +
            "c[0] = measure q[0];\nc[1] = measure q[1];\n", text);
    }

    [Fact]
    public void Golden_qasm2_text_of_a_small_bound_circuit()
    {
        var b = new CircuitBuilder(2);
        b.SX(0).CP(0.25, 0, 1).SWAP(0, 1).CRY(1.5, 1, 0);
        string text = OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm2, new QasmExportOptions { MeasureAll = true });
        Assert.Equal(
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n" +
            "h q[0];\ns q[0];\nh q[0];\ncu1(0.25) q[0], q[1];\ncx q[0], q[1];\ncx q[1], q[0];\ncx q[0], q[1];\n" +
            "ry(0.75) q[0];\ncx q[1], q[0];\nry(-0.75) q[0];\ncx q[1], q[0];\n" +
            "measure q[0] -> c[0];\nmeasure q[1] -> c[1];\n", text);
    }

    [Fact]
    public void Qasm2_registers_and_measurements_and_whole_register_measurement_in_qasm3_are_read()
    {
        var b = new CircuitBuilder(3);
        b.H(0).CNOT(0, 1).CCX(0, 1, 2);
        var p2 = OpenQasmImporter.Import(OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm2, new QasmExportOptions { MeasureAll = true }));
        Assert.Equal(new[] { ("c", 3) }, p2.BitRegisters);
        Assert.Equal(new[] { new QasmMeasurement(0, 0), new QasmMeasurement(1, 1), new QasmMeasurement(2, 2) }, p2.Measurements);
        var p3 = OpenQasmImporter.Import("OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] m;\nCX q[0], q[1];\nm = measure q;\n");
        Assert.Equal(new[] { new QasmMeasurement(0, 0), new QasmMeasurement(1, 1) }, p3.Measurements);
        Assert.Same(GateCatalog.CNOT, p3.Circuit.Operations[0].Gate);
    }

    [Fact]
    public void Import_reads_registers_inputs_measurements_comments_and_barriers()
    {
        const string text = """
            OPENQASM 3.0; // IBM's example, with extras
            include "stdgates.inc";
            input float[64] phi;
            input float alpha;
            qubit[2] a;
            qubit b;
            bit[3] c;
            /* a block
               comment */
            x a[0];
            cx a[0], b;
            rx(pi/2 - 2*alpha) a[1];
            barrier a, b;
            p(-(phi + 1) / 4) b;
            c[2] = measure a[0];
            c[0] = measure b;
            measure a[1] -> c[1];
            """;
        var p = OpenQasmImporter.Import(text);
        Assert.Equal(3, p.Circuit.QubitCount);
        Assert.Equal(new[] { "phi", "alpha" }, p.ParameterNames);
        Assert.Equal(3, p.BitCount);
        Assert.Equal(new[] { new QasmMeasurement(0, 2), new QasmMeasurement(2, 0), new QasmMeasurement(1, 1) }, p.Measurements);
        Assert.Equal(Angle.Parameter(1, -2, Math.PI / 2), p.Circuit.Operations[2].Angles[0]);
        Assert.Equal(Angle.Parameter(0, -0.25, -0.25), p.Circuit.Operations[3].Angles[0]);
        Assert.Equal(new[] { 0.5, 2.0 }, p.ParameterVector(new Dictionary<string, double> { ["alpha"] = 2, ["phi"] = 0.5 }));
    }
}
