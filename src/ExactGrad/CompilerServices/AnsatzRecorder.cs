using System;
using System.Collections.Generic;
using System.ComponentModel;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;

namespace ExactGrad.CompilerServices;

/// <summary>
/// The run-time path for an [Ansatz] taking <c>double[] theta</c> whose body the generator could not read:
/// the method is run at the point to record its circuit, and ∂φ/∂θ of its gate angles (and ∂φ/∂x, when asked
/// for) is taken by a 4-point central difference of further recordings (classical work only; no circuit is executed).
/// The gradient through the circuit stays exact (shift rules over φ); the angle Jacobian is accurate to
/// about 1e-11 for smooth angle expressions, where the compile-time path derives it exactly.
/// For generated code only (the generator emits the calls); it may change in any release without notice.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AnsatzRecorder
{
    /// <summary>Relative step of the central difference: h⁴ truncation and ε/h rounding balance near 1e-3.</summary>
    public const double RelativeStep = 1e-3;

    /// <summary>
    /// Records the circuit at (θ, x) and ∂φ/∂θ. With <paramref name="differentiateInputs"/>, also ∂φ/∂x
    /// (<see cref="DerivedCircuit.InputJacobian"/>): the angles that move with x become circuit parameters too, and
    /// the plan shifts them, for gradients in the data inputs.
    /// </summary>
    public static DerivedCircuit Record(string ansatz, Action<CircuitBuilder, double[], double[]> body, int qubits,
        int parameterCount, int inputCount, ReadOnlySpan<double> theta, ReadOnlySpan<double> x, bool differentiateInputs = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        GeneratedChecks.CheckArguments(ansatz, theta, parameterCount, x, inputCount);
        double[] point = theta.ToArray(), inputs = x.ToArray();
        var center = Run(body, qubits, point, inputs);

        // Variables v < parameterCount are θ_v, the rest x_(v - parameterCount). slope[(op, slot)][v] = ∂φ/∂v;
        // absent while every recording so far left the angle unchanged.
        int variables = parameterCount + (differentiateInputs ? inputCount : 0);
        var slopes = new Dictionary<(int Op, int Slot), double[]>();
        double[] stencil = { -2, -1, 1, 2 }, weights = { 1, -8, 8, -1 };
        for (int v = 0; v < variables; v++)
        {
            bool input = v >= parameterCount;
            double[] vector = input ? inputs : point;
            int j = input ? v - parameterCount : v;
            double h = RelativeStep * Math.Max(1, Math.Abs(vector[j]));
            var shifted = new Circuit[stencil.Length];
            for (int s = 0; s < stencil.Length; s++)
            {
                var moved = (double[])vector.Clone();
                moved[j] += stencil[s] * h;
                shifted[s] = input ? Run(body, qubits, point, moved) : Run(body, qubits, moved, inputs);
                CheckSameGates(ansatz, center, shifted[s], (input ? "x" : "theta") + "[" + j + "]", vector[j], moved[j]);
            }
            for (int op = 0; op < center.Operations.Count; op++)
                for (int slot = 0; slot < center.Operations[op].Angles.Count; slot++)
                {
                    double c = center.Operations[op].Angles[slot].Offset, d = 0;
                    bool moves = false;
                    for (int s = 0; s < stencil.Length; s++)
                    {
                        double value = shifted[s].Operations[op].Angles[slot].Offset;
                        moves |= value != c;
                        d += weights[s] * value;
                    }
                    if (!moves) continue; // exactly independent of this variable: no entry, no shifted circuits
                    if (!slopes.TryGetValue((op, slot), out var row)) slopes[(op, slot)] = row = new double[variables];
                    row[v] = d / (12 * h);
                }
        }

        var builder = new CircuitBuilder(qubits, slopes.Count);
        var angles = new List<double>();
        var overTheta = new List<AngleJacobian.Entry>();
        var overX = new List<AngleJacobian.Entry>();
        for (int op = 0; op < center.Operations.Count; op++)
        {
            var operation = center.Operations[op];
            var slots = new Angle[operation.Angles.Count];
            for (int slot = 0; slot < slots.Length; slot++)
            {
                double value = operation.Angles[slot].Offset;
                if (!slopes.TryGetValue((op, slot), out var row)) { slots[slot] = value; continue; }
                int a = angles.Count;
                angles.Add(value);
                slots[slot] = Angle.Parameter(a);
                for (int v = 0; v < row.Length; v++)
                    if (row[v] != 0)
                        (v < parameterCount ? overTheta : overX).Add(new AngleJacobian.Entry(a, v < parameterCount ? v : v - parameterCount, row[v]));
            }
            builder.Gate(operation.Gate, operation.QubitArray, slots);
        }
        var circuit = builder.Build();
        var derived = new DerivedCircuit(circuit, ShiftPlan.Create(circuit), angles.ToArray(), new AngleJacobian(angles.Count, parameterCount, overTheta));
        return differentiateInputs ? derived with { InputJacobian = new AngleJacobian(angles.Count, inputCount, overX, "x") } : derived;
    }

    private static Circuit Run(Action<CircuitBuilder, double[], double[]> body, int qubits, double[] theta, double[] x)
    {
        // The builder has no parameters: every angle the method passes is a number at this point.
        var c = new CircuitBuilder(qubits);
        body(c, (double[])theta.Clone(), (double[])x.Clone());
        return c.Build();
    }

    private static void CheckSameGates(string ansatz, Circuit a, Circuit b, string variable, double from, double to)
    {
        bool same = a.Operations.Count == b.Operations.Count;
        for (int op = 0; same && op < a.Operations.Count; op++)
        {
            Operation p = a.Operations[op], q = b.Operations[op];
            // Same gate objects: a custom gate must be created once, outside the method, so its rule is fixed.
            same = ReferenceEquals(p.Gate, q.Gate) && System.Linq.Enumerable.SequenceEqual(p.Qubits, q.Qubits);
        }
        if (!same)
            throw new InvalidOperationException(
                $"{ansatz}: the gates change when {variable} moves from {from} to {to}. A circuit whose gate sequence depends on it is not differentiable there.");
    }
}
