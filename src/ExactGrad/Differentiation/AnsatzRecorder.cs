using System;
using System.Collections.Generic;
using ExactGrad.Circuits;

namespace ExactGrad.Differentiation;

/// <summary>
/// The run-time path for an [Ansatz] taking <c>double[] theta</c> whose body the generator could not read:
/// the method is run at the point to record its circuit, and ∂φ/∂θ of its gate angles is taken by a
/// 4-point central difference of further recordings (classical work only; no circuit is executed).
/// The gradient through the circuit stays exact (shift rules over φ); the angle Jacobian is accurate to
/// about 1e-11 for smooth angle expressions, where the compile-time path derives it exactly.
/// </summary>
public static class AnsatzRecorder
{
    /// <summary>Relative step of the central difference: h⁴ truncation and ε/h rounding balance near 1e-3.</summary>
    public const double RelativeStep = 1e-3;

    public static DerivedCircuit Record(string ansatz, Action<CircuitBuilder, double[], double[]> body, int qubits,
        int parameterCount, int inputCount, ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(body);
        DerivedCircuit.CheckArguments(ansatz, theta, parameterCount, x, inputCount);
        double[] point = theta.ToArray(), inputs = x.ToArray();
        var center = Run(body, qubits, point, inputs);

        // slope[op][slot][j] = ∂φ/∂θ_j; null while every recording so far left the angle unchanged.
        var slopes = new Dictionary<(int Op, int Slot), double[]>();
        double[] stencil = { -2, -1, 1, 2 }, weights = { 1, -8, 8, -1 };
        for (int j = 0; j < parameterCount; j++)
        {
            double h = RelativeStep * Math.Max(1, Math.Abs(point[j]));
            var shifted = new Circuit[stencil.Length];
            for (int s = 0; s < stencil.Length; s++)
            {
                var moved = (double[])point.Clone();
                moved[j] += stencil[s] * h;
                shifted[s] = Run(body, qubits, moved, inputs);
                CheckSameGates(ansatz, center, shifted[s], j, point[j], moved[j]);
            }
            for (int op = 0; op < center.Operations.Count; op++)
                for (int slot = 0; slot < center.Operations[op].Angles.Count; slot++)
                {
                    double c = center.Operations[op].Angles[slot].Offset, d = 0;
                    bool moves = false;
                    for (int s = 0; s < stencil.Length; s++)
                    {
                        double v = shifted[s].Operations[op].Angles[slot].Offset;
                        moves |= v != c;
                        d += weights[s] * v;
                    }
                    if (!moves) continue; // exactly independent of θ_j: no entry, no shifted circuits
                    if (!slopes.TryGetValue((op, slot), out var row)) slopes[(op, slot)] = row = new double[parameterCount];
                    row[j] = d / (12 * h);
                }
        }

        var builder = new CircuitBuilder(qubits, slopes.Count);
        var angles = new List<double>();
        var entries = new List<AngleJacobian.Entry>();
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
                for (int j = 0; j < row.Length; j++)
                    if (row[j] != 0) entries.Add(new AngleJacobian.Entry(a, j, row[j]));
            }
            builder.Gate(operation.Gate, operation.QubitArray, slots);
        }
        var circuit = builder.Build();
        return new DerivedCircuit(circuit, ShiftPlan.Create(circuit), angles.ToArray(), new AngleJacobian(angles.Count, parameterCount, entries));
    }

    private static Circuit Run(Action<CircuitBuilder, double[], double[]> body, int qubits, double[] theta, double[] x)
    {
        // The builder has no parameters: every angle the method passes is a number at this point.
        var c = new CircuitBuilder(qubits);
        body(c, (double[])theta.Clone(), (double[])x.Clone());
        return c.Build();
    }

    private static void CheckSameGates(string ansatz, Circuit a, Circuit b, int j, double from, double to)
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
                $"{ansatz}: the gates change when theta[{j}] moves from {from} to {to}. A circuit whose gate sequence depends on a parameter is not differentiable there.");
    }
}
