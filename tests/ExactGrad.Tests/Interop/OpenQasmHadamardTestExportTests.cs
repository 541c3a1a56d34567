using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Interop;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>
/// The circuits of real Hadamard tests (a <see cref="TraceOverlap"/> of a random ansatz and target over the
/// whole catalog: controlled versions of every gate, of the target's fixed adjoints, the ancilla's H and S†)
/// export and import with the same full unitary, in both dialects, unshifted and π-shifted as the overlap
/// gradient runs them.
/// </summary>
public class OpenQasmHadamardTestExportTests
{
    private static IReadOnlyList<Gate> Catalog(int qubits) => GateCatalog.All
        .Append(GateCatalog.PauliRotation(PauliString.Parse(qubits >= 3 ? "XYZ" : "XY")).Gate)
        .Where(g => g.QubitCount <= qubits)
        .ToArray();

    private static TraceOverlap Overlap(int qubits, int seed, TraceSampling sampling)
    {
        var rng = new Random(seed);
        var ansatz = RandomCircuits.Create(qubits, parameters: 3, depth: 10, rng, Catalog(qubits));
        var target = QasmRoundTrip.Fixed(RandomCircuits.Create(qubits, parameters: 3, depth: 10, rng, Catalog(qubits)), RandomCircuits.Theta(3, rng));
        return new TraceOverlap(ansatz, target, sampling, states: 3, seed: seed);
    }

    public static TheoryData<int, int, TraceSampling> Overlaps() => new()
    {
        { 1, 1, TraceSampling.ComputationalBasis },
        { 2, 2, TraceSampling.ComputationalBasis },
        { 2, 3, TraceSampling.ComputationalBasis },
        { 3, 4, TraceSampling.RandomProductStates },
    };

    [Theory]
    [MemberData(nameof(Overlaps))]
    public void Every_hadamard_test_of_a_trace_overlap_round_trips_exactly_through_qasm3_with_its_parameters(int qubits, int seed, TraceSampling sampling)
    {
        var overlap = Overlap(qubits, seed, sampling);
        Assert.Contains(overlap.Tests, t => t.Part == OverlapPart.Real);
        Assert.Contains(overlap.Tests, t => t.Part == OverlapPart.Imaginary);
        var theta = RandomCircuits.Theta(overlap.Ansatz.ParameterCount, new Random(seed));
        foreach (var test in overlap.Tests)
        {
            var program = OpenQasmImporter.Import(OpenQasmExporter.Export(test.Circuit));
            Assert.Equal(test.Circuit.ParameterCount, program.Circuit.ParameterCount);
            QasmRoundTrip.AssertSameUnitary(test.Circuit.Bind(theta), program.Circuit.Bind(theta));
        }
    }

    [Theory]
    [MemberData(nameof(Overlaps))]
    public void Every_pi_shifted_hadamard_test_of_a_trace_overlap_round_trips_exactly_through_both_dialects(int qubits, int seed, TraceSampling sampling)
    {
        var overlap = Overlap(qubits, seed, sampling);
        var rng = new Random(seed);
        var theta = RandomCircuits.Theta(overlap.Ansatz.ParameterCount, rng);
        foreach (var test in overlap.Tests)
        {
            // The operator rule's circuits: the test with one ansatz occurrence moved by π, as HadamardTest.Evaluate binds it.
            var occurrences = Enumerable.Range(0, overlap.Ansatz.ParameterCount).SelectMany(k => overlap.Ansatz.Occurrences(k)).ToArray();
            var o = occurrences[rng.Next(occurrences.Length)];
            var shifted = test.Circuit.Bind(theta).WithShift(test.AnsatzOffset + o.OperationIndex, o.Slot, Math.PI);
            QasmRoundTrip.AssertSameUnitary(shifted, OpenQasmImporter.Import(OpenQasmExporter.Export(shifted)).Circuit.Bind(Array.Empty<double>()));
            QasmRoundTrip.AssertSameUnitary(shifted, QasmRoundTrip.Qasm2(shifted));
        }
    }

    [Fact]
    public void The_exported_tests_measure_the_same_overlap_as_the_simulated_ones()
    {
        // Tr(V†U)/d from the imported circuits equals the overlap the library computes from its own.
        var overlap = Overlap(2, 5, TraceSampling.ComputationalBasis);
        var theta = RandomCircuits.Theta(overlap.Ansatz.ParameterCount, new Random(5));
        var expected = overlap.Estimate(theta).Value;
        double re = 0, im = 0;
        foreach (var test in overlap.Tests)
        {
            var imported = OpenQasmImporter.Import(OpenQasmExporter.Export(test.Circuit)).Circuit.Bind(theta);
            double z = ExactEstimator.Instance.Evaluate(imported, test.AncillaZ).Value;
            if (test.Part == OverlapPart.Real) re += z; else im += z;
        }
        int states = overlap.States.Count;
        Assert.Equal(expected.Real, re / states, 12);
        Assert.Equal(expected.Imaginary, im / states, 12);
    }
}
