using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>
/// Programs in the exact shapes qiskit.qasm3.dumps writes (written out here by hand: bits declared before
/// qubits, composite gates as gate definitions over _gate_q_k, standard gates outside stdgates.inc defined
/// with p0/_gate_p_k parameters, circuit parameters as inputs passed into definitions, transpiled circuits
/// on physical qubits $k). Each is checked by its full unitary against a circuit built independently with
/// <see cref="CircuitBuilder"/>, and exported by <see cref="OpenQasmExporter"/> and read back.
/// </summary>
public class OpenQasmQiskitImportTests
{
    private static void AssertRoundTrip(Circuit imported, double[] theta)
    {
        var again = QasmRoundTrip.Qasm3(imported);
        Assert.Equal(imported.ParameterCount, again.ParameterCount);
        QasmRoundTrip.AssertSameUnitary(imported.Bind(theta), again.Bind(theta));
    }

    [Fact]
    public void A_composite_gate_with_barrier_and_measurements_is_expanded_where_it_is_called()
    {
        const string text = """
            OPENQASM 3.0;
            include "stdgates.inc";
            gate composite_circ _gate_q_0, _gate_q_1 {
              h _gate_q_0;
              x _gate_q_1;
              cx _gate_q_0, _gate_q_1;
            }
            bit[2] cr;
            qubit[2] qr;
            h qr[0];
            cx qr[0], qr[1];
            barrier qr[0], qr[1];
            composite_circ qr[1], qr[0];
            cr[0] = measure qr[0];
            cr[1] = measure qr[1];
            """;
        var program = OpenQasmImporter.Import(text);
        var expected = new CircuitBuilder(2);
        expected.H(0).CNOT(0, 1).H(1).X(0).CNOT(1, 0);   // the call's arguments in its order: _gate_q_0 = qr[1]
        QasmRoundTrip.AssertSameUnitary(expected.Build().Bind(Array.Empty<double>()), program.Circuit.Bind(Array.Empty<double>()));
        Assert.Equal(new[] { ("cr", 2) }, program.BitRegisters);
        Assert.Equal(new[] { new QasmMeasurement(0, 0), new QasmMeasurement(1, 1) }, program.Measurements);
        AssertRoundTrip(program.Circuit, Array.Empty<double>());
    }

    [Fact]
    public void Pauli_evolution_definitions_pass_the_inputs_through_and_stay_parameterised()
    {
        // PauliEvolutionGate(XX, t0), (YY, t1), (ZZ, t2): each calls a definition of rxx/ryy/rzz with 2*t.
        const string text = """
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] _t_0_;
            input float[64] _t_1_;
            input float[64] _t_2_;
            gate rxx(p0) _gate_q_0, _gate_q_1 {
              h _gate_q_0;
              h _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              rz(p0) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              h _gate_q_1;
              h _gate_q_0;
            }
            gate PauliEvolution(_t_0_) _gate_q_0, _gate_q_1 {
              rxx(2*_t_0_) _gate_q_0, _gate_q_1;
            }
            gate ryy(p0) _gate_q_0, _gate_q_1 {
              rx(pi/2) _gate_q_0;
              rx(pi/2) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              rz(p0) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              rx(-pi/2) _gate_q_0;
              rx(-pi/2) _gate_q_1;
            }
            gate PauliEvolution_0(_t_1_) _gate_q_0, _gate_q_1 {
              ryy(2*_t_1_) _gate_q_0, _gate_q_1;
            }
            gate rzz(p0) _gate_q_0, _gate_q_1 {
              cx _gate_q_0, _gate_q_1;
              rz(p0) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
            }
            gate PauliEvolution_1(_t_2_) _gate_q_0, _gate_q_1 {
              rzz(2*_t_2_) _gate_q_0, _gate_q_1;
            }
            qubit[2] q;
            PauliEvolution(_t_0_) q[0], q[1];
            PauliEvolution_0(_t_1_) q[0], q[1];
            PauliEvolution_1(_t_2_) q[0], q[1];
            """;
        var program = OpenQasmImporter.Import(text);
        Assert.Equal(new[] { "_t_0_", "_t_1_", "_t_2_" }, program.ParameterNames);
        // The rz in the middle of each ladder is 2·t_k: the input survives two levels of substitution.
        var rz = program.Circuit.Operations.Where(o => o.Gate == GateCatalog.RZ).Select(o => o.Angles[0]).ToArray();
        Assert.Equal(new[] { Angle.Parameter(0, 2), Angle.Parameter(1, 2), Angle.Parameter(2, 2) }, rz);

        var b = new CircuitBuilder(2, 3);
        b.RXX(2 * b.Parameters[0], 0, 1).RYY(2 * b.Parameters[1], 0, 1).RZZ(2 * b.Parameters[2], 0, 1);
        foreach (var theta in new[] { new[] { 0.3, -1.1, 2.4 }, new[] { -2.9, 0.05, 1.7 } })
        {
            QasmRoundTrip.AssertSameUnitary(b.Build().Bind(theta), program.Circuit.Bind(theta));
            AssertRoundTrip(program.Circuit, theta);
        }
    }

    [Fact]
    public void A_transpiled_isa_circuit_on_physical_qubits_has_one_plus_the_highest_index_and_ecr_from_its_definition()
    {
        // A Bell pair routed onto physical qubits 1 and 2 of a device with rz, sx, x and ecr as its basis.
        const string text = """
            OPENQASM 3.0;
            include "stdgates.inc";
            gate rzx(_gate_p_0) _gate_q_0, _gate_q_1 {
              h _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              rz(_gate_p_0) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              h _gate_q_1;
            }
            gate ecr _gate_q_0, _gate_q_1 {
              rzx(pi/4) _gate_q_0, _gate_q_1;
              x _gate_q_0;
              rzx(-pi/4) _gate_q_0, _gate_q_1;
            }
            bit[2] meas;
            rz(-pi) $1;
            sx $1;
            rz(-pi/2) $1;
            rz(-pi/2) $2;
            sx $2;
            rz(-pi) $2;
            ecr $1, $2;
            rz(pi/2) $2;
            x $1;
            barrier $1, $2;
            meas[0] = measure $1;
            meas[1] = measure $2;
            """;
        var program = OpenQasmImporter.Import(text);
        Assert.Equal(3, program.Circuit.QubitCount);
        Assert.Equal(new[] { new QasmMeasurement(1, 0), new QasmMeasurement(2, 1) }, program.Measurements);

        // ECR as the matrix Qiskit documents for it (qubit 0 the least significant bit), not from rzx.
        double r = 1 / Math.Sqrt(2);
        Complex i = Complex.ImaginaryOne;
        var ecr = new FixedGate("ECR", new ComplexMatrix(new Complex[,]
        {
            { 0, r, 0, i * r }, { r, 0, -i * r, 0 }, { 0, i * r, 0, r }, { -i * r, 0, r, 0 },
        }));
        var b = new CircuitBuilder(3);
        b.RZ(-Math.PI, 1).SX(1).RZ(-Math.PI / 2, 1).RZ(-Math.PI / 2, 2).SX(2).RZ(-Math.PI, 2);
        b.Gate(ecr, new[] { 1, 2 }, ReadOnlySpan<Angle>.Empty);
        b.RZ(Math.PI / 2, 2).X(1);
        QasmRoundTrip.AssertSameUnitary(b.Build().Bind(Array.Empty<double>()), program.Circuit.Bind(Array.Empty<double>()));
        AssertRoundTrip(program.Circuit, Array.Empty<double>());
    }

    [Fact]
    public void A_parameterised_ansatz_passes_its_inputs_into_its_definition_with_affine_expressions()
    {
        // A two-layer hardware-efficient ansatz appended as one instruction; Qiskit escapes θ[k] to _θ_k_.
        const string text = """
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] _θ_0_;
            input float[64] _θ_1_;
            input float[64] _θ_2_;
            input float[64] _θ_3_;
            gate EfficientSU2(_θ_0_, _θ_1_, _θ_2_, _θ_3_) _gate_q_0, _gate_q_1 {
              ry(_θ_0_) _gate_q_0;
              ry(_θ_1_) _gate_q_1;
              rz(_θ_2_) _gate_q_0;
              rz(_θ_3_) _gate_q_1;
              cx _gate_q_0, _gate_q_1;
              ry(_θ_0_/2 + pi/4) _gate_q_0;
              rz(-_θ_3_) _gate_q_1;
            }
            bit[2] c;
            qubit[2] q;
            EfficientSU2(_θ_0_, _θ_1_, 2*_θ_2_ - 0.5, _θ_3_) q[0], q[1];
            u3(_θ_1_, pi/2, -pi/2) q[1];
            c[0] = measure q[0];
            c[1] = measure q[1];
            """;
        var program = OpenQasmImporter.Import(text);
        Assert.Equal(4, program.Circuit.ParameterCount);
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).RZ(2 * t[2] - 0.5, 0).RZ(t[3], 1).CNOT(0, 1).RY(0.5 * t[0] + Math.PI / 4, 0).RZ(-t[3], 1);
        b.U3(t[1], Math.PI / 2, -Math.PI / 2, 1);
        foreach (var theta in new[] { new[] { 0.4, -0.7, 1.3, 2.2 }, new[] { -1.9, 2.6, -0.2, 0.8 } })
        {
            // stdgates.inc's u3 is U times e^{-i(φ+λ)/2}; uncontrolled at the top level that phase is invisible and dropped.
            QasmRoundTrip.AssertSameUnitary(b.Build().Bind(theta), program.Circuit.Bind(theta));
            AssertRoundTrip(program.Circuit, theta);
        }
    }

    [Fact]
    public void Without_an_include_the_programs_own_definitions_of_standard_names_are_used()
    {
        // dumps(circuit, includes=[]) defines every gate down to U and ctrl @ U, dropping Qiskit's global phases.
        const string text = """
            OPENQASM 3.0;
            gate u3(p0, p1, p2) _gate_q_0 {
              U(p0, p1, p2) _gate_q_0;
            }
            gate u1(p0) _gate_q_0 {
              u3(0, 0, p0) _gate_q_0;
            }
            gate rz(p0) _gate_q_0 {
              u1(p0) _gate_q_0;
            }
            gate sdg _gate_q_0 {
              u1(-pi/2) _gate_q_0;
            }
            gate u2(p0, p1) _gate_q_0 {
              u3(pi/2, p0, p1) _gate_q_0;
            }
            gate h _gate_q_0 {
              u2(0, pi) _gate_q_0;
            }
            gate sx _gate_q_0 {
              sdg _gate_q_0;
              h _gate_q_0;
              sdg _gate_q_0;
            }
            gate cx c, t {
              ctrl @ U(pi, 0, pi) c, t;
            }
            qubit[2] q;
            rz(pi/2) q[0];
            sx q[0];
            cx q[0], q[1];
            """;
        var program = OpenQasmImporter.Import(text);
        // Every operation is a U, or the controlled U of the cx definition: the definitions were used, not the catalog.
        Assert.All(program.Circuit.Operations, o => Assert.True(o.Gate == GateCatalog.U3 || o.Gate == ControlledGate.Of(GateCatalog.U3), o.Gate.Name));
        var b = new CircuitBuilder(2);
        b.RZ(Math.PI / 2, 0).SX(0).CNOT(0, 1);
        // Up to one global phase, and only because these definitions carry none: rz as u1 lacks RZ's e^{-iθ/2}, sx as sdg·h·sdg lacks e^{iπ/4}.
        QasmRoundTrip.AssertSameUnitary(b.Build().Bind(Array.Empty<double>()), program.Circuit.Bind(Array.Empty<double>()), upToGlobalPhase: true);
        AssertRoundTrip(program.Circuit, Array.Empty<double>());
    }

    [Fact]
    public void Sxdg_defined_by_qiskit_is_the_adjoint_of_sx_up_to_the_phase_its_definition_drops()
    {
        const string text = """
            OPENQASM 3.0;
            include 'stdgates.inc';
            gate sxdg _gate_q_0 {
              s _gate_q_0;
              h _gate_q_0;
              s _gate_q_0;
            }
            qubit[1] q;
            sxdg q[0];
            sx q[0];
            """;
        var program = OpenQasmImporter.Import(text);
        var identity = new CircuitBuilder(1).I(0).Build().Bind(Array.Empty<double>());
        QasmRoundTrip.AssertSameUnitary(identity, program.Circuit.Bind(Array.Empty<double>()), upToGlobalPhase: true);
    }
}
