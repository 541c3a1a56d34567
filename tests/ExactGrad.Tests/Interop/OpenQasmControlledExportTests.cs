using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>
/// Controlled gates (every catalog gate under <see cref="ControlledGate.Of"/>, once and twice, and the fixed
/// adjoints a target contributes) survive export → import with the same full unitary, phase included.
/// </summary>
public class OpenQasmControlledExportTests
{
    private static IReadOnlyList<Gate> Catalog() => GateCatalog.All
        .Append(GateCatalog.PauliRotation(PauliString.Parse("XYZ")).Gate)
        .Append(GateCatalog.PauliRotation(PauliString.Parse("YIY")).Gate)
        .ToArray();

    private static IReadOnlyList<Gate> ControlledCatalog() => Catalog().Select(ControlledGate.Of).ToArray();

    /// <summary>
    /// What CircuitAlgebra makes of a gate at random constant angles: its adjoint ("RY†") and its conjugate
    /// ("RZ*"), fixed gates where they differ from the gate, the gate itself where they do not.
    /// </summary>
    private static IEnumerable<Operation> AdjointsAndConjugates(Gate gate, Random rng)
    {
        var b = new CircuitBuilder(gate.QubitCount);
        b.Gate(gate, Enumerable.Range(0, gate.QubitCount).ToArray(), Enumerable.Range(0, gate.ParameterCount).Select(_ => Angle.Constant(rng.NextDouble() * 6 - 3)).ToArray());
        var single = b.Build();
        return new[] { CircuitAlgebra.Adjoint(single), CircuitAlgebra.Conjugate(single) }.Select(c => c.Operations[0]);
    }

    /// <summary>The operation's gate under <paramref name="controls"/> controls, on reversed qubits, with its constant angles.</summary>
    private static Circuit Controlled(Operation op, int controls)
    {
        var gate = op.Gate;
        for (int c = 0; c < controls; c++) gate = ControlledGate.Of(gate);
        var b = new CircuitBuilder(gate.QubitCount);
        b.Gate(gate, Enumerable.Range(0, gate.QubitCount).Reverse().ToArray(), op.Angles.ToArray());
        return b.Build();
    }

    private static void AssertBothDialects(Circuit circuit, double[] theta)
    {
        var bound = circuit.Bind(theta);
        QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm3(circuit).Bind(theta));
        QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm2(bound));
    }

    private static Circuit OneGate(Gate gate, double scale = 0.7, double offset = -0.2)
    {
        var b = new CircuitBuilder(gate.QubitCount, gate.ParameterCount);
        // Reversed qubits, so no decomposition can rely on a gate's qubits being in order.
        b.Gate(gate, Enumerable.Range(0, gate.QubitCount).Reverse().ToArray(),
            Enumerable.Range(0, gate.ParameterCount).Select(k => scale * b.Parameters[k] + offset).ToArray());
        return b.Build();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Qasm3_round_trip_of_random_circuits_of_controlled_catalog_gates_is_exact_with_parameters_kept(int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits: 4, parameters: 5, depth: 30, rng, ControlledCatalog());
        var program = OpenQasmImporter.Import(OpenQasmExporter.Export(circuit));
        Assert.Equal(circuit.ParameterCount, program.Circuit.ParameterCount);
        var theta = RandomCircuits.Theta(circuit.ParameterCount, rng);
        QasmRoundTrip.AssertSameUnitary(circuit.Bind(theta), program.Circuit.Bind(theta));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Qasm2_round_trip_of_random_bound_circuits_of_controlled_catalog_gates_is_exact_in_original_qelib1_gates(int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits: 4, parameters: 5, depth: 30, rng, ControlledCatalog());
        var bound = circuit.Bind(RandomCircuits.Theta(circuit.ParameterCount, rng));
        string text = OpenQasmExporter.Export(bound, QasmVersion.Qasm2);
        foreach (string missing in new[] { "swap", "crx", "cry", "cu(", "cu3", "sx" })   // not in the original qelib1.inc (or, cu3, ambiguous)
            Assert.DoesNotContain(missing, text, StringComparison.Ordinal);
        QasmRoundTrip.AssertSameUnitary(bound, OpenQasmImporter.Import(text).Circuit.Bind(Array.Empty<double>()));
    }

    [Fact]
    public void Every_catalog_gate_under_one_and_two_controls_round_trips_exactly_in_both_dialects()
    {
        foreach (var gate in Catalog())
        {
            var theta = Enumerable.Range(0, gate.ParameterCount).Select(k => 0.3 + k).ToArray();
            AssertBothDialects(OneGate(ControlledGate.Of(gate)), theta);
            AssertBothDialects(OneGate(ControlledGate.Of(ControlledGate.Of(gate))), theta);
        }
    }

    [Fact]
    public void Controlled_adjoints_and_conjugates_of_every_catalog_gate_round_trip_exactly()
    {
        var rng = new Random(17);
        foreach (var gate in Catalog())
            foreach (var op in AdjointsAndConjugates(gate, rng))
            {
                AssertBothDialects(Controlled(op, 1), Array.Empty<double>());
                AssertBothDialects(Controlled(op, 2), Array.Empty<double>());
            }
    }

    [Theory]
    [InlineData("H", "ch q[0], q[1];\n")]
    [InlineData("X", "cx q[0], q[1];\n")]
    [InlineData("Y", "cy q[0], q[1];\n")]
    [InlineData("Z", "cz q[0], q[1];\n")]
    [InlineData("S", "cp(1.5707963267948966) q[0], q[1];\n")]
    [InlineData("Sdg", "cp(-1.5707963267948966) q[0], q[1];\n")]
    [InlineData("T", "cp(0.7853981633974483) q[0], q[1];\n")]
    [InlineData("Tdg", "cp(-0.7853981633974483) q[0], q[1];\n")]
    [InlineData("SX", "cu(1.5707963267948966, -1.5707963267948966, 1.5707963267948966, 0.7853981633974483) q[0], q[1];\n")]
    [InlineData("CNOT", "ccx q[0], q[1], q[2];\n")]
    [InlineData("CZ", "h q[2];\nccx q[0], q[1], q[2];\nh q[2];\n")]
    [InlineData("SWAP", "cswap q[0], q[1], q[2];\n")]
    [InlineData("RX", "crx(theta_0) q[0], q[1];\n")]
    [InlineData("P", "cp(theta_0) q[0], q[1];\n")]
    [InlineData("U3", "cu(theta_0, theta_1, theta_2, 0.0) q[0], q[1];\n")]
    [InlineData("RZZ", "cx q[1], q[2];\ncrz(theta_0) q[0], q[2];\ncx q[1], q[2];\n")]
    [InlineData("CRZ", "crz(0.5*theta_0) q[0], q[2];\ncx q[1], q[2];\ncrz(-0.5*theta_0) q[0], q[2];\ncx q[1], q[2];\n")]
    [InlineData("CP", "cp(0.5*theta_0) q[0], q[1];\ncrz(0.5*theta_0) q[0], q[2];\ncx q[1], q[2];\ncrz(-0.5*theta_0) q[0], q[2];\ncx q[1], q[2];\n")]
    public void Controlled_catalog_gates_are_written_with_the_standard_gates_of_stdgates(string name, string body)
    {
        var gate = ControlledGate.Of(Catalog().Single(g => g.Name == name));
        var b = new CircuitBuilder(gate.QubitCount, gate.ParameterCount);
        b.Gate(gate, Enumerable.Range(0, gate.QubitCount).ToArray(), Enumerable.Range(0, gate.ParameterCount).Select(k => (Angle)b.Parameters[k]).ToArray());
        string text = OpenQasmExporter.Export(b.Build());
        Assert.EndsWith($"qubit[{gate.QubitCount}] q;\n" + body, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Qasm2_writes_controlled_swap_and_controlled_u3_in_original_qelib1_gates()
    {
        var b = new CircuitBuilder(3);
        b.Gate(ControlledGate.Of(GateCatalog.SWAP), new[] { 0, 1, 2 }, ReadOnlySpan<Angle>.Empty);
        b.Gate(ControlledGate.Of(GateCatalog.U3), new[] { 2, 0 }, new Angle[] { 0.5, 0.25, -1.0 });
        string text = OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm2);
        Assert.EndsWith("qreg q[3];\n" +
                        "cx q[2], q[1];\nccx q[0], q[1], q[2];\ncx q[2], q[1];\n" +
                        "u1(-0.375) q[2];\nu1(-0.625) q[0];\ncx q[2], q[0];\nu3(-0.25, 0.0, 0.375) q[0];\ncx q[2], q[0];\nu3(0.25, 0.25, 0.0) q[0];\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncontrolled_fixed_gates_without_a_standard_name_are_exported_up_to_one_global_phase()
    {
        // A target's adjoint and conjugate hold "RY†", "U3*", "RXX†"…: written from their matrices. With no
        // control, the phase of each matrix is a global phase of the circuit, which the export may drop.
        var rng = new Random(23);
        var target = QasmRoundTrip.Fixed(RandomCircuits.Create(qubits: 3, parameters: 4, depth: 30, rng, Catalog()), RandomCircuits.Theta(4, rng));
        foreach (var circuit in new[] { CircuitAlgebra.Adjoint(target), CircuitAlgebra.Conjugate(target) })
        {
            Assert.Contains(circuit.Operations, o => o.Gate.Name.EndsWith('†') || o.Gate.Name.EndsWith('*'));
            var bound = circuit.Bind(Array.Empty<double>());
            QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm3(circuit).Bind(Array.Empty<double>()), upToGlobalPhase: true);
            QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm2(bound), upToGlobalPhase: true);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void Fixed_unitaries_without_structure_are_synthesized_exactly_under_any_controls(int qubits, int controls)
    {
        var rng = new Random(100 * qubits + controls);
        Gate gate = new FixedGate("W", RandomUnitary(1 << qubits, rng));
        for (int c = 0; c < controls; c++) gate = ControlledGate.Of(gate);
        var circuit = OneGate(gate);
        var bound = circuit.Bind(Array.Empty<double>());
        // Only a single-qubit gate with no control loses its phase (it is written as U(θ, φ, λ)).
        bool phaseFree = qubits == 1 && controls == 0;
        QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm3(circuit).Bind(Array.Empty<double>()), phaseFree);
        QasmRoundTrip.AssertSameUnitary(bound, QasmRoundTrip.Qasm2(bound), phaseFree);
    }

    [Theory]
    [InlineData("XY", 0.3, 0.7)]
    [InlineData("ZZ", -1.2, 2.5)]
    [InlineData("YIZ", 2.0, Math.PI)]
    [InlineData("XX", 0.0, -0.4)]
    public void A_fixed_pauli_rotation_times_a_phase_is_written_as_that_phase_on_the_controls_around_one_crz(string pauli, double alpha, double beta)
    {
        // e^{iα}·exp(-iβP/2) as a bare matrix: recognised as a rotation, not synthesized.
        var (rotation, _) = GateCatalog.PauliRotation(PauliString.Parse(pauli));
        var m = System.Numerics.Complex.FromPolarCoordinates(1, alpha) * rotation.Matrix(beta);
        var circuit = OneGate(ControlledGate.Of(new FixedGate("PhasedRotation", m)));
        AssertBothDialects(circuit, Array.Empty<double>());
        string text = OpenQasmExporter.Export(circuit);
        Assert.Single(text.Split('\n'), l => l.StartsWith("crz(", StringComparison.Ordinal));
        Assert.Equal(alpha != 0, text.Contains("\np(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_controlled_custom_gate_is_refused_naming_it_and_its_custom_generator()
    {
        var g = GateCatalog.Custom("MyGate", new ComplexMatrix(new Complex[,] { { 1, 0.5 }, { 0.5, -1 } }));
        var b = new CircuitBuilder(2, 1);
        b.Gate(ControlledGate.Of(g), new[] { 1, 0 }, new[] { b.Parameters[0] });
        var e = Assert.Throws<NotSupportedException>(() => OpenQasmExporter.Export(b.Build()));
        Assert.StartsWith("Gate CMyGate has no OpenQASM 3 decomposition: it is MyGate under 1 control(s), and MyGate has a custom generator", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_unitary_on_more_qubits_than_are_synthesized_is_refused_with_the_reason()
    {
        var b = new CircuitBuilder(5);
        b.Gate(new FixedGate("Big", RandomUnitary(32, new Random(3))), new[] { 0, 1, 2, 3, 4 }, ReadOnlySpan<Angle>.Empty);
        var e = Assert.Throws<NotSupportedException>(() => OpenQasmExporter.Export(b.Build()));
        Assert.Contains("Gate Big has no OpenQASM 3 decomposition: it is a fixed 5-qubit unitary without a standard form", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 4 qubits", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A random unitary: Gram-Schmidt on the columns of a random complex matrix (unitary to rounding).</summary>
    private static ComplexMatrix RandomUnitary(int d, Random rng)
    {
        var columns = new Complex[d][];
        for (int c = 0; c < d; c++)
        {
            var v = Enumerable.Range(0, d).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < c; k++)
                {
                    Complex dot = Complex.Zero;
                    for (int i = 0; i < d; i++) dot += Complex.Conjugate(columns[k][i]) * v[i];
                    for (int i = 0; i < d; i++) v[i] -= dot * columns[k][i];
                }
            double norm = Math.Sqrt(v.Sum(z => z.Magnitude * z.Magnitude));
            columns[c] = v.Select(z => z / norm).ToArray();
        }
        var m = new ComplexMatrix(d, d);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++) m[r, c] = columns[c][r];
        return m;
    }
}
