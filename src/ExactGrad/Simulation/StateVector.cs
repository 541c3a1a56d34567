using System;
using System.Collections.Generic;
using System.Threading;
using System.Globalization;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Simulation;

/// <summary>
/// A pure state of n qubits as 2^n complex amplitudes; basis index bit q is qubit q (qubit 0 least
/// significant). Gates are applied in place by specialised kernels (swaps, phases, 2x2 blocks, dense), with
/// AVX2 and all cores on large registers; a bound circuit's adjacent gates are fused into blocks first
/// (<see cref="FusionQubits"/>).
/// </summary>
public sealed class StateVector
{
    /// <summary>Hard ceiling of the simulator, whatever the memory: 2^30 amplitudes (16 GiB).</summary>
    public const int MaxQubitsSupported = 30;

    private StateVector(int qubits, Complex[] amplitudes)
    {
        QubitCount = qubits;
        Data = amplitudes;
    }

    /// <summary>n, the number of qubits.</summary>
    public int QubitCount { get; }
    /// <summary>2ⁿ, the number of amplitudes.</summary>
    public long Dimension => Data.LongLength;
    /// <summary>The amplitudes ⟨i|ψ⟩ by basis index i (bit q is qubit q); a view, not a copy.</summary>
    public ReadOnlySpan<Complex> Amplitudes => Data;
    /// <summary>The amplitude ⟨<paramref name="index"/>|ψ⟩.</summary>
    /// <param name="index">Basis index in [0, <see cref="Dimension"/>), bit q being qubit q.</param>
    public Complex this[long index] => Data[index];

    internal Complex[] Data { get; }

    /// <summary>Bytes a state vector of <paramref name="qubits"/> qubits needs.</summary>
    public static long BytesFor(int qubits) => 16L << qubits;

    /// <summary>|0…0⟩ on <paramref name="qubits"/> qubits.</summary>
    public static StateVector Zero(int qubits) => Basis(qubits, 0);

    /// <summary>The computational basis state |index⟩.</summary>
    public static StateVector Basis(int qubits, long index)
    {
        CheckCapacity(qubits);
        if ((ulong)index >= (1UL << qubits))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Basis index {index} is out of range for {qubits} qubits.");
        var data = new Complex[1L << qubits];
        data[index] = Complex.One;
        return new StateVector(qubits, data);
    }

    /// <summary>A state from amplitudes (length a power of two, finite, not normalised by this call).</summary>
    public static StateVector FromAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        long len = amplitudes.Length;
        if (len < 2 || (len & (len - 1)) != 0)
            throw new ArgumentException($"A state vector needs a power-of-two number (≥ 2) of amplitudes; got {len}.", nameof(amplitudes));
        for (int i = 0; i < amplitudes.Length; i++)
            if (!double.IsFinite(amplitudes[i].Real) || !double.IsFinite(amplitudes[i].Imaginary))
                throw new ArgumentException($"Amplitude {i} is {amplitudes[i]}; amplitudes must be finite.", nameof(amplitudes));
        int qubits = BitOperations.Log2((ulong)len);
        CheckCapacity(qubits);
        return new StateVector(qubits, amplitudes.ToArray());
    }

    /// <summary>Throws when a register of <paramref name="qubits"/> qubits cannot be held in this process's memory.</summary>
    public static void CheckCapacity(int qubits)
    {
        if (qubits < 1) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, "A register needs at least one qubit.");
        double need = 16.0 * Math.Pow(2, qubits); // as a double: 16·2^n overflows a long past 59 qubits
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (qubits > MaxQubitsSupported || need > available * 0.9)
            throw new InsufficientMemoryException(
                $"A {qubits}-qubit state vector needs {FormatBytes(need)}; this process can use {FormatBytes(available)}" +
                $" and the simulator supports at most {MaxQubitsSupported} qubits. Reduce the register (each qubit fewer halves the memory).");
    }

    /// <summary>An independent copy with the same amplitudes.</summary>
    public StateVector Clone() => new(QubitCount, (Complex[])Data.Clone());

    /// <summary>Overwrites this state's amplitudes with <paramref name="other"/>'s, without reallocating.</summary>
    /// <param name="other">A state of the same qubit count.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The qubit counts differ.</exception>
    public void CopyFrom(StateVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.QubitCount != QubitCount) throw new ArgumentException($"Cannot copy a {other.QubitCount}-qubit state into a {QubitCount}-qubit one.", nameof(other));
        Array.Copy(other.Data, Data, Data.LongLength);
    }

    /// <summary>Resets to |0…0⟩ without reallocating.</summary>
    public void Reset()
    {
        Array.Clear(Data);
        Data[0] = Complex.One;
    }

    /// <summary>Applies a gate, after checking qubits and angles.</summary>
    public void Apply(Gate gate, ReadOnlySpan<int> qubits, ReadOnlySpan<double> angles)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.CheckQubits(qubits, QubitCount, "state");
        gate.CheckAngles(angles);
        GateApplier.Apply(Data, QubitCount, gate, qubits, angles, adjoint: false);
    }

    /// <summary>
    /// The widest block of adjacent gates that simulating a bound circuit fuses into one matrix (see
    /// <see cref="Apply(BoundCircuit, int)"/>): 2 by default, at most 4; 0 turns fusion off. Process-wide: it
    /// applies to <see cref="Run(BoundCircuit)"/> and <see cref="Apply(BoundCircuit)"/>, and so to the
    /// estimators, the simulator backends, the shot sampler's state preparation and the adjoint method.
    /// </summary>
    public static int FusionQubits
    {
        get => Volatile.Read(ref _fusionQubits);
        set
        {
            CheckFusionQubits(value, nameof(value));
            Volatile.Write(ref _fusionQubits, value);
        }
    }

    private static int _fusionQubits = 2;

    /// <summary>Runs every operation of a bound circuit on this state, fused as <see cref="FusionQubits"/> says.</summary>
    public void Apply(BoundCircuit circuit) => Apply(circuit, FusionQubits);

    /// <summary>
    /// Runs every operation of a bound circuit on this state, with runs of adjacent gates on at most
    /// <paramref name="fusionQubits"/> qubits fused into one matrix where that costs fewer passes over the
    /// state (0: every gate on its own kernel). Fused and unfused states agree to rounding (1e-15 per gate).
    /// </summary>
    public void Apply(BoundCircuit circuit, int fusionQubits)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        CheckFusionQubits(fusionQubits, nameof(fusionQubits));
        if (circuit.QubitCount != QubitCount)
            throw new ArgumentException($"The circuit has {circuit.QubitCount} qubits but the state has {QubitCount}.", nameof(circuit));
        ApplyRange(circuit.Operations, 0, circuit.Operations.Count, fusionQubits);
    }

    /// <summary>Operations [start, end) of a circuit of this register, fused up to <paramref name="fusionQubits"/> qubits.</summary>
    internal void ApplyRange(IReadOnlyList<BoundOperation> ops, int start, int end, int fusionQubits)
    {
        if (fusionQubits == 0)
        {
            for (int i = start; i < end; i++) GateApplier.Apply(Data, QubitCount, ops[i].Gate, ops[i].QubitArray, ops[i].AngleArray, adjoint: false);
            return;
        }
        foreach (var step in GateFusion.Plan(ops, start, end, QubitCount, fusionQubits)) step.Apply(Data, QubitCount, adjoint: false);
    }

    internal void ApplyAdjoint(BoundOperation op) => GateApplier.Apply(Data, QubitCount, op.Gate, op.QubitArray, op.AngleArray, adjoint: true);

    /// <summary>Simulates <paramref name="circuit"/> from |0…0⟩, fused as <see cref="FusionQubits"/> says.</summary>
    public static StateVector Run(BoundCircuit circuit) => Run(circuit, FusionQubits);

    /// <summary>Simulates <paramref name="circuit"/> from |0…0⟩ with gates fused up to <paramref name="fusionQubits"/> qubits (0: no fusion).</summary>
    public static StateVector Run(BoundCircuit circuit, int fusionQubits)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var state = Zero(circuit.QubitCount);
        state.Apply(circuit, fusionQubits);
        return state;
    }

    private static void CheckFusionQubits(int fusionQubits, string name)
    {
        if ((uint)fusionQubits > GateFusion.MaxQubits)
            throw new ArgumentOutOfRangeException(name, fusionQubits, $"Fusion builds blocks of 0 (off) to {GateFusion.MaxQubits} qubits; got {fusionQubits}.");
    }

    /// <summary>⟨ψ|P|ψ⟩.</summary>
    public double Expectation(PauliString pauli)
    {
        CheckFits(pauli.MinQubits);
        return PauliSum.Compile(QubitCount, new[] { (1.0, pauli) }).Expectation(Data);
    }

    /// <summary>
    /// ⟨ψ|H|ψ⟩ = Σ c_k ⟨ψ|P_k|ψ⟩. Each qubit-wise commuting group of terms takes either one sweep per distinct
    /// X mask (all Z-only terms in one) or one tiled change into its measurement basis and one sweep of its
    /// terms as Z terms, whichever a measured cost rule says is cheaper; compiled once per observable. A basis
    /// change of more than 10 qubits above the lowest 4 may rent a state-sized scratch buffer from the shared array pool for the call.
    /// </summary>
    public double Expectation(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        CheckFits(observable.MinQubits);
        return ExpectationPlan.For(observable, QubitCount).Expectation(Data);
    }

    /// <summary>⟨this|other⟩.</summary>
    public Complex InnerProduct(StateVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.QubitCount != QubitCount) throw new ArgumentException($"States of {QubitCount} and {other.QubitCount} qubits have no inner product.", nameof(other));
        return PauliKernels.Dot(Data, other.Data);
    }

    /// <summary>‖ψ‖ = √⟨ψ|ψ⟩: 1 for a state prepared by gates, up to rounding.</summary>
    public double Norm() => Math.Sqrt(PauliKernels.Dot(Data, Data).Real);

    /// <summary>|amplitude|² for every basis state.</summary>
    public double[] Probabilities()
    {
        var p = new double[Data.LongLength];
        for (long i = 0; i < p.LongLength; i++) p[i] = Data[i].Real * Data[i].Real + Data[i].Imaginary * Data[i].Imaginary;
        return p;
    }

    internal void CheckFits(int minQubits)
    {
        if (minQubits > QubitCount)
            throw new ArgumentException($"The observable acts on qubit {minQubits - 1}, beyond this {QubitCount}-qubit state.");
    }

    private static string FormatBytes(double bytes) =>
        (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB";
}
