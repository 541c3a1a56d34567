using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Numerics;

namespace ExactGrad.Interop;

/// <summary>
/// Writes a gate without parameters from its matrix, so the controlled version of any fixed gate (CH, CS,
/// CCNOT, CSWAP, a target's adjoint "RY†" or "U3†" under the Hadamard test's ancilla...) is exported from
/// what it is, not from its name. The matrix is read in three steps:
/// <list type="number">
/// <item>Controls: every local qubit j for which the matrix is |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ V (these are jointly
/// controls); what remains is the core V on the other qubits, with no control left in it.</item>
/// <item>The core by its form: a phase (no qubit left), X, Y, H, SX, SWAP, any single-qubit unitary
/// e^{iα}·U(θ, φ, λ), a Pauli rotation e^{iα}·exp(-iβP/2), or else any unitary of up to
/// <see cref="UnitarySynthesis.MaxQubits"/> qubits by <see cref="UnitarySynthesis"/>.</item>
/// <item>The core written under its controls by <see cref="ControlledGateDecompositions"/>, its phase e^{iα}
/// as a phase on the controls.</item>
/// </list>
/// Only a gate with no control at all loses anything: the phase e^{iα} of its core, which is then a global
/// phase of the whole circuit. Structure is recognised to within <see cref="Tolerance"/>.
/// </summary>
internal static class FixedGateDecomposition
{
    /// <summary>Entries closer than this are taken as equal when reading a matrix's structure.</summary>
    public const double Tolerance = 1e-14;

    private static readonly double R = 1 / Math.Sqrt(2);

    /// <summary>
    /// Writes the fixed gate <paramref name="m"/> (local qubit j on register qubit <paramref name="qubits"/>[j])
    /// under the extra <paramref name="controls"/>; null when it was written, else why it cannot be.
    /// </summary>
    public static string? Write(ControlledGateDecompositions d, IReadOnlyList<int> controls, IReadOnlyList<int> qubits, ComplexMatrix m)
    {
        int n = qubits.Count;
        var all = new List<int>(controls);
        var rest = new List<int>();
        for (int j = 0; j < n; j++)
            if (IsControl(m, j)) all.Add(qubits[j]);
            else rest.Add(j);
        var core = Core(m, rest);
        var targets = rest.Select(j => qubits[j]).ToArray();
        if (targets.Length == 0)
        {
            d.Phase(all, Snap(core[0, 0]));
            return null;
        }
        if (IsScalar(core, out var z))
        {
            d.Phase(all, z);
            return null;
        }
        if (targets.Length == 1)
        {
            SingleQubit(d, all, targets[0], core);
            return null;
        }
        if (targets.Length == 2 && Near(core, Swap))
        {
            d.Swap(all, targets[0], targets[1]);
            return null;
        }
        if (PauliRotationOf(core) is { } rotation)
        {
            if (all.Count > 0) d.Phase(all, rotation.Phase);
            var support = new List<(int, char)>();
            for (int j = 0; j < targets.Length; j++)
            {
                bool x = ((rotation.X >> j) & 1) != 0, zBit = ((rotation.Z >> j) & 1) != 0;
                if (x || zBit) support.Add((targets[j], x ? (zBit ? 'Y' : 'X') : 'Z'));
            }
            d.PauliRotation(all, support, Angle.Constant(rotation.Beta));
            return null;
        }
        if (targets.Length > UnitarySynthesis.MaxQubits)
            return $"it is a fixed {targets.Length}-qubit unitary without a standard form (no phase, single-qubit gate, SWAP or Pauli rotation under controls), " +
                   $"and unitaries without one are synthesized on at most {UnitarySynthesis.MaxQubits} qubits besides their controls";
        UnitarySynthesis.Write(d, all, targets, core);
        return null;
    }

    /// <summary>Any single-qubit unitary under controls: X, Y, H and SX by name, else e^{iα}·U(θ, φ, λ).</summary>
    public static void SingleQubit(ControlledGateDecompositions d, IReadOnlyList<int> controls, int target, ComplexMatrix v)
    {
        if (Near(v, PauliX)) { d.X(controls, target); return; }
        if (Near(v, PauliY)) { d.Y(controls, target); return; }
        if (Near(v, Hadamard)) { d.H(controls, target); return; }
        if (Near(v, SqrtX)) { d.Sx(controls, target); return; }
        var (alpha, theta, phi, lambda) = EulerAngles(v);
        d.U3(controls, target, Angle.Constant(theta), Angle.Constant(phi), Angle.Constant(lambda), Angle.Constant(alpha));
    }

    /// <summary>V = e^{iα}·U(θ, φ, λ) with U(θ, φ, λ) = [[cos θ/2, -e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]].</summary>
    public static (double Alpha, double Theta, double Phi, double Lambda) EulerAngles(ComplexMatrix v)
    {
        double c = v[0, 0].Magnitude, s = v[1, 0].Magnitude;
        double theta = 2 * Math.Atan2(s, c);
        double alpha, phi, lambda;
        if (c >= s)
        {
            alpha = v[0, 0].Phase;
            double sum = v[1, 1].Phase - alpha;
            phi = s > Tolerance ? v[1, 0].Phase - alpha : 0;
            lambda = sum - phi;
        }
        else
        {
            alpha = c > Tolerance ? v[1, 0].Phase + (-v[0, 1]).Phase - v[1, 1].Phase : 0;
            phi = v[1, 0].Phase - alpha;
            lambda = (-v[0, 1]).Phase - alpha;
        }
        return (alpha, theta, phi, lambda);
    }

    /// <summary>Whether local qubit j is a control: the matrix keeps bit j and is the identity where it is 0.</summary>
    private static bool IsControl(ComplexMatrix m, int j)
    {
        int bit = 1 << j;
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Columns; c++)
            {
                Complex expected = (r & bit) != (c & bit) ? Complex.Zero : (r & bit) == 0 ? (r == c ? Complex.One : Complex.Zero) : m[r, c];
                if ((m[r, c] - expected).Magnitude > Tolerance) return false;
            }
        return true;
    }

    /// <summary>The block of <paramref name="m"/> where every local qubit outside <paramref name="targets"/> is |1⟩, over the targets in order.</summary>
    private static ComplexMatrix Core(ComplexMatrix m, IReadOnlyList<int> targets)
    {
        int all = m.Rows - 1, mask = 0;
        foreach (int j in targets) mask |= 1 << j;
        int controls = all & ~mask;
        int d = 1 << targets.Count;
        var core = new ComplexMatrix(d, d);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                core[r, c] = m[Embed(r, targets, controls), Embed(c, targets, controls)];
        return core;
    }

    private static int Embed(int local, IReadOnlyList<int> targets, int controls)
    {
        int index = controls;
        for (int i = 0; i < targets.Count; i++)
            if (((local >> i) & 1) != 0) index |= 1 << targets[i];
        return index;
    }

    private static bool IsScalar(ComplexMatrix v, out Complex z)
    {
        z = Snap(v[0, 0]);
        return Near(v, z * ComplexMatrix.Identity(v.Rows));
    }

    /// <summary>A unit phase, with the catalog's exact values (±1, ±i, e^{±iπ/4}) restored when it is within the tolerance of one.</summary>
    private static Complex Snap(Complex z)
    {
        foreach (var exact in new[] { Complex.One, -Complex.One, Complex.ImaginaryOne, -Complex.ImaginaryOne, Complex.FromPolarCoordinates(1, Math.PI / 4), Complex.FromPolarCoordinates(1, -Math.PI / 4) })
            if ((z - exact).Magnitude <= Tolerance) return exact;
        return z;
    }

    /// <summary>
    /// V = e^{iα}·(cos(β/2)·I - i·sin(β/2)·P) for a Pauli string P (X bits x, Z bits z, Y where both), or null.
    /// P's X part is the one off-diagonal row of column 0; its Z part the signs along that diagonal.
    /// </summary>
    private static (Complex Phase, double Beta, int X, int Z)? PauliRotationOf(ComplexMatrix v)
    {
        int d = v.Rows, t = System.Numerics.BitOperations.Log2((uint)d);
        var rows = Enumerable.Range(0, d).Where(r => v[r, 0].Magnitude > Tolerance).ToArray();
        int x = rows.FirstOrDefault(r => r != 0);
        if (rows.Length > 2 || (rows.Length == 2 && rows[0] != 0)) return null;
        Complex a, b;
        int zMask = 0;
        if (x != 0)
        {
            for (int m = 0; m < t; m++)
                if ((v[(1 << m) ^ x, 1 << m] / v[x, 0]).Real < 0) zMask |= 1 << m;
            a = v[0, 0];
            b = v[x, 0] / Pauli(x, zMask, 0);
        }
        else
        {
            // Diagonal: entries a ± b; Z acts on the bits whose flip changes the entry.
            for (int m = 0; m < t; m++)
                if ((v[1 << m, 1 << m] - v[0, 0]).Magnitude > Tolerance) zMask |= 1 << m;
            if (zMask == 0) return null;
            int low = zMask & -zMask;
            a = (v[0, 0] + v[low, low]) / 2;
            b = (v[0, 0] - v[low, low]) / 2;
        }
        // a = e^{iα} cos(β/2), b = -i e^{iα} sin(β/2)
        Complex w = Complex.ImaginaryOne * b;
        Complex phase = a.Magnitude >= w.Magnitude ? a / a.Magnitude : w / w.Magnitude;
        double cos = (a * Complex.Conjugate(phase)).Real, sin = (w * Complex.Conjugate(phase)).Real;
        double beta = 2 * Math.Atan2(sin, cos);
        phase = Snap(phase);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex expected = (r == c ? a : Complex.Zero) + (r == (c ^ x) ? b * Pauli(x, zMask, c) : Complex.Zero);
                if ((v[r, c] - expected).Magnitude > Tolerance) return null;
            }
        return (phase, beta, x, zMask);
    }

    /// <summary>⟨j ⊕ x|P|j⟩ = i^(number of Y)·(-1)^popcount(j AND z).</summary>
    private static Complex Pauli(int x, int z, int j) => Gates.PauliGenerator.Phase(System.Numerics.BitOperations.PopCount((uint)(x & z)), z, j);

    private static bool Near(ComplexMatrix a, ComplexMatrix b)
    {
        if (a.Rows != b.Rows) return false;
        return ComplexMatrix.MaxDistance(a, b) <= Tolerance;
    }

    private static ComplexMatrix M2(Complex a, Complex b, Complex c, Complex dd) => new(new[,] { { a, b }, { c, dd } });

    private static readonly ComplexMatrix PauliX = M2(0, 1, 1, 0);
    private static readonly ComplexMatrix PauliY = M2(0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0);
    private static readonly ComplexMatrix Hadamard = M2(R, R, R, -R);
    private static readonly ComplexMatrix SqrtX = M2(new Complex(0.5, 0.5), new Complex(0.5, -0.5), new Complex(0.5, -0.5), new Complex(0.5, 0.5));
    private static readonly ComplexMatrix Swap = new(new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } });
}
