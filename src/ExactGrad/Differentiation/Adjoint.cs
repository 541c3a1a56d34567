using System;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Differentiation;

/// <summary>
/// Adjoint differentiation on the state vector: one forward sweep, then one backward sweep carrying
/// |ψ_k⟩ and |λ_k⟩ = U_{k+1}†…U_N† H|ψ_N⟩, where ∂E/∂x_k = 2 Re⟨λ_k| (∂U_k/∂x_k) U_k† |ψ_k⟩. For a Pauli
/// generator G = s·Π⊗P that is 2s·Im⟨λ_k|Π⊗P|ψ_k⟩, one read-only pass. The exact, fast path for simulators.
/// </summary>
public static class Adjoint
{
    /// <summary>The name results and telemetry give this method.</summary>
    public const string MethodName = "adjoint";

    /// <summary>⟨H⟩ and its exact gradient in one forward and one backward sweep.</summary>
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta) =>
        Gradient(circuit, observable, theta, StateVector.FusionQubits);

    /// <summary>The same with an explicit fusion width for both sweeps (0: no fusion).</summary>
    internal static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta, int fusionQubits)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ParameterShift.CheckObservable(circuit, observable);
        return Gradient(circuit, circuit.Bind(theta), observable, fusionQubits);
    }

    /// <summary>
    /// The same at a bound circuit whose angles may be shifted from <paramref name="circuit"/>'s (the parameters
    /// and scales come from <paramref name="circuit"/>, the angle values from <paramref name="bound"/>): the
    /// exact gradient at a shifted point, which second-derivative shift rules are applied to.
    /// </summary>
    internal static GradientResult Gradient(Circuit circuit, BoundCircuit bound, Observable observable, int fusionQubits)
    {
        var psi = StateVector.Run(bound, fusionQubits);
        var lambda = new Complex[psi.Dimension];
        PauliSum.Of(psi.QubitCount, observable).AccumulateApplied(psi.Data, lambda);
        double value = PauliKernels.Dot(psi.Data, lambda).Real;
        return new GradientResult(value, 0, Sweep(circuit, bound, psi, lambda, fusionQubits), new double[circuit.ParameterCount], 1) { Method = MethodName };
    }

    /// <summary>
    /// A cost f(E_1, …, E_m) of expectations and its gradient in one forward and one backward sweep: the
    /// E_k are read off the final state, ∂f/∂E_k evaluated there, and |λ⟩ = Σ_k (∂f/∂E_k) O_k|ψ⟩ swept back.
    /// </summary>
    public static GradientResult CostGradient(Circuit circuit, IReadOnlyList<Observable> observables, ReadOnlySpan<double> theta, CostFunction cost)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observables);
        ArgumentNullException.ThrowIfNull(cost);
        foreach (var o in observables) ParameterShift.CheckObservable(circuit, o);
        var bound = circuit.Bind(theta);
        int fusionQubits = StateVector.FusionQubits;
        var psi = StateVector.Run(bound, fusionQubits);
        var measured = new Estimate[observables.Count];
        for (int k = 0; k < measured.Length; k++) measured[k] = Estimate.Exact(psi.Expectation(observables[k]));
        var point = cost(measured);
        CostChainRule.CheckDerivatives(point.Derivatives, observables.Count);
        // |λ⟩ = (Σ_k ∂f/∂E_k O_k)|ψ⟩: all observables' terms in one sum, one sweep per distinct X mask.
        var terms = new List<(double, PauliString)>();
        for (int k = 0; k < measured.Length; k++)
            foreach (var t in observables[k].Terms) terms.Add((point.Derivatives[k] * t.Coefficient, t.Pauli));
        var lambda = new Complex[psi.Dimension];
        PauliSum.Compile(psi.QubitCount, terms).AccumulateApplied(psi.Data, lambda);
        return new GradientResult(point.Value, 0, Sweep(circuit, bound, psi, lambda, fusionQubits), new double[circuit.ParameterCount], 1) { Method = MethodName };
    }

    /// <summary>
    /// The plan of an explicitly chosen adjoint gradient: no circuits, only the exact evaluation, so a
    /// runner whose target is not an exact state-vector simulator refuses it with a clear message.
    /// </summary>
    public static MeasurementPlan<T> Plan<T>(Func<T> evaluate) =>
        MeasurementPlan.Measure<T>(MethodName, Array.Empty<PlannedCircuit>(), _ => throw new InvalidOperationException(
            "DifferentiationMethod.Adjoint needs an exact state-vector target (ExactEstimator, or SimulatorBackend with ShotAllocation.Exact); this runner's target samples or is noisy. Use DifferentiationMethod.Auto or ParameterShift there."), evaluate);

    /// <summary>
    /// The backward sweep from |ψ_N⟩ and |λ_N⟩ (both consumed): ∂⟨λ|ψ⟩-type derivatives for every parameter.
    /// It stops at each trained operation (one with a parameter-dependent angle); the gates from there back to
    /// the previous trained one are fused in circuit order and their blocks inverted in reverse, so every
    /// derivative is still taken on the state right after its own gate. A trained one-qubit gate and the
    /// one-qubit gates on the same qubit right before it (RY·RZ, U3, …) are swept back in one pass that
    /// also reads their derivatives (<see cref="AdjointKernel"/>).
    /// </summary>
    private static double[] Sweep(Circuit circuit, BoundCircuit bound, StateVector psi, Complex[] lambda, int fusionQubits)
    {
        int n = circuit.QubitCount;
        var gradient = new double[circuit.ParameterCount];
        Complex[]? scratch = null;
        var ops = bound.Operations;
        var trained = new List<int>();
        for (int k = 0; k < ops.Count; k++)
            if (IsTrained(circuit.Operations[k])) trained.Add(k);
        int end = ops.Count; // ψ and λ are the states after operation end - 1
        for (int t = trained.Count - 1; t >= 0;)
        {
            int k = trained[t];
            var steps = GateFusion.Plan(ops, k + 1, end, n, fusionQubits);
            for (int s = steps.Count - 1; s >= 0; s--)
            {
                steps[s].Apply(psi.Data, n, adjoint: true);
                steps[s].Apply(lambda, n, adjoint: true);
            }
            if (ops[k].QubitArray.Length == 1)
            {
                end = SweepRun(circuit, ops, k, psi.Data, lambda, n, gradient);
                while (t >= 0 && trained[t] >= end) t--;
                continue;
            }
            end = k + 1;
            t--;
            var op = ops[k];
            var angles = circuit.Operations[k].Angles;
            for (int slot = 0; slot < angles.Count; slot++)
            {
                if (!IsTrained(angles[slot])) continue;
                double dAngle;
                if (op.Gate.PauliGenerator is { } g)
                {
                    var q = op.QubitArray;
                    Complex ip = PauliKernels.InnerProduct(lambda, psi.Data,
                        IndexSpace.MapMask(g.XMask, q), IndexSpace.MapMask(g.ZMask, q), g.YCount, IndexSpace.MapMask(g.ControlMask, q));
                    dAngle = 2 * g.Scale * ip.Imaginary;
                }
                else
                {
                    scratch ??= new Complex[psi.Dimension];
                    Array.Copy(psi.Data, scratch, scratch.LongLength);
                    GateApplier.ApplyMatrix(scratch, n, op.QubitArray, DerivativeTimesAdjoint(op, slot));
                    dAngle = 2 * PauliKernels.Dot(lambda, scratch).Real;
                }
                gradient[angles[slot].ParameterIndex] += angles[slot].Scale * dAngle;
            }
        }
        return gradient;
    }

    private static bool IsTrained(Operation op)
    {
        foreach (var a in op.Angles)
            if (IsTrained(a)) return true;
        return false;
    }

    private static bool IsTrained(Angle angle) => !angle.IsConstant && angle.Scale != 0;

    /// <summary>
    /// Sweeps ψ and λ (the states after one-qubit operation <paramref name="last"/>) back through it and the
    /// one-qubit operations on the same qubit right before it, trained or not, in one pass, adding the
    /// derivatives of the trained ones; returns the first operation of the run. One or two Pauli rotations
    /// take the kernel's dedicated body, longer or other runs the general one.
    /// </summary>
    private static int SweepRun(Circuit circuit, IReadOnlyList<BoundOperation> ops, int last, Complex[] psi, Complex[] lambda, int n, double[] gradient)
    {
        int qubit = ops[last].QubitArray[0], first = last;
        bool pauli = PauliAxis(ops[last]) >= 0;
        int limit = pauli ? AdjointKernel.MaxPauliSteps : AdjointKernel.MaxGates;
        while (first > 0 && last - first + 1 < limit && ops[first - 1].QubitArray is [var q] && q == qubit && (!pauli || PauliAxis(ops[first - 1]) >= 0)) first--;
        if (pauli)
        {
            Span<PauliStep> steps = stackalloc PauliStep[last - first + 1];
            for (int k = first; k <= last; k++)
            {
                var op = ops[k];
                steps[k - first] = new PauliStep(PauliAxis(op), op.AngleArray[0] * op.Gate.PauliGenerator!.Scale, op.Gate.PauliGenerator.Scale);
            }
            Span<double> values = stackalloc double[steps.Length];
            AdjointKernel.Sweep(psi, lambda, n, qubit, steps, values);
            for (int k = first; k <= last; k++)
                if (circuit.Operations[k].Angles[0] is var a && IsTrained(a)) gradient[a.ParameterIndex] += a.Scale * 2 * values[k - first];
            return first;
        }
        var gates = new SweepGate[last - first + 1];
        int taps = 0;
        for (int k = first; k <= last; k++)
        {
            var op = ops[k];
            var angles = circuit.Operations[k].Angles;
            var derivatives = new List<Complex[]>();
            for (int slot = 0; slot < angles.Count; slot++)
                if (IsTrained(angles[slot])) derivatives.Add(DerivativeTimesAdjoint(op, slot));
            var inverse = new Complex[4];
            op.Gate.WriteMatrix(op.AngleArray, inverse);
            gates[k - first] = new SweepGate(GateApplier.ConjugateTransposed(inverse, 2), derivatives.ToArray());
            taps += derivatives.Count;
        }
        Span<double> inner = stackalloc double[taps];
        AdjointKernel.Sweep(psi, lambda, n, qubit, gates, inner);
        int at = 0;
        for (int k = first; k <= last; k++)
            foreach (var a in circuit.Operations[k].Angles)
                if (IsTrained(a)) gradient[a.ParameterIndex] += a.Scale * 2 * inner[at++];
        return first;
    }

    /// <summary><see cref="PauliStep.X"/>, Y or Z for a one-qubit rotation exp(-iθsP) on one Pauli; -1 otherwise.</summary>
    private static int PauliAxis(BoundOperation op) => op.Gate.PauliGenerator is { ControlMask: 0 } g && op.QubitArray.Length == 1
        ? (g.XMask, g.ZMask) switch { (1, 0) => PauliStep.X, (1, 1) => PauliStep.Y, (0, 1) => PauliStep.Z, _ => -1 }
        : -1;

    /// <summary>(∂U/∂x)·U†, so the derivative acts on the state after the gate.</summary>
    private static Complex[] DerivativeTimesAdjoint(BoundOperation op, int slot)
    {
        int d = op.Gate.Dimension;
        var du = new Complex[d * d];
        var u = new Complex[d * d];
        op.Gate.WriteDerivative(op.AngleArray, slot, du);
        op.Gate.WriteMatrix(op.AngleArray, u);
        var m = new Complex[d * d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex s = Complex.Zero;
                for (int j = 0; j < d; j++) s += du[r * d + j] * Complex.Conjugate(u[c * d + j]);
                m[r * d + c] = s;
            }
        return m;
    }
}
