using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Gates.Facts;
using ExactGrad.Numerics;
using ExactGrad.Observables;

namespace ExactGrad.Gates;

/// <summary>
/// The gate catalog: each gate built from its shared facts (<see cref="GateFacts"/>) and its matrix. Conventions: RX(θ) = exp(-iθX/2) as in OpenQASM and Qiskit; local
/// qubit 0 of a gate (its first qubit argument) is the least significant bit of its matrix index; for
/// controlled gates the controls come first and the target last.
/// </summary>
public static class GateCatalog
{
    private static readonly Complex I1 = Complex.ImaginaryOne;
    private static readonly double R2 = 1 / Math.Sqrt(2);

    /// <summary>The single-qubit identity.</summary>
    public static FixedGate I { get; } = new(GateFacts.I, M2(1, 0, 0, 1));

    /// <summary>Hadamard H = [[1, 1], [1, −1]]/√2.</summary>
    public static FixedGate H { get; } = new(GateFacts.H, M2(R2, R2, R2, -R2));

    /// <summary>Pauli X = [[0, 1], [1, 0]] (NOT).</summary>
    public static FixedGate X { get; } = new(GateFacts.X, M2(0, 1, 1, 0));

    /// <summary>Pauli Y = [[0, −i], [i, 0]].</summary>
    public static FixedGate Y { get; } = new(GateFacts.Y, M2(0, -I1, I1, 0));

    /// <summary>Pauli Z = diag(1, −1).</summary>
    public static FixedGate Z { get; } = new(GateFacts.Z, M2(1, 0, 0, -1));

    /// <summary>S = diag(1, i) = √Z.</summary>
    public static FixedGate S { get; } = new(GateFacts.S, M2(1, 0, 0, I1));

    /// <summary>S† = diag(1, −i).</summary>
    public static FixedGate Sdg { get; } = new(GateFacts.Sdg, M2(1, 0, 0, -I1));

    /// <summary>T = diag(1, e^{iπ/4}).</summary>
    public static FixedGate T { get; } = new(GateFacts.T, M2(1, 0, 0, Complex.FromPolarCoordinates(1, Math.PI / 4)));

    /// <summary>T† = diag(1, e^{−iπ/4}).</summary>
    public static FixedGate Tdg { get; } = new(GateFacts.Tdg, M2(1, 0, 0, Complex.FromPolarCoordinates(1, -Math.PI / 4)));

    /// <summary>√X = [[1+i, 1−i], [1−i, 1+i]]/2.</summary>
    public static FixedGate SX { get; } = new(GateFacts.SX, M2(new Complex(0.5, 0.5), new Complex(0.5, -0.5), new Complex(0.5, -0.5), new Complex(0.5, 0.5)));

    /// <summary>CNOT(control, target).</summary>
    public static FixedGate CNOT { get; } = new(GateFacts.CNOT, Controlled(X.Matrix(), 1));

    /// <summary>Controlled Y, CY(control, target): local qubit 0 is the control.</summary>
    public static FixedGate CY { get; } = new(GateFacts.CY, Controlled(Y.Matrix(), 1));

    /// <summary>Controlled Z = diag(1, 1, 1, −1), symmetric in its two qubits.</summary>
    public static FixedGate CZ { get; } = new(GateFacts.CZ, Controlled(Z.Matrix(), 1));

    /// <summary>SWAP: exchanges the states of its two qubits.</summary>
    public static FixedGate SWAP { get; } = new(GateFacts.SWAP, Swap());

    /// <summary>Toffoli: CCX(control1, control2, target).</summary>
    public static FixedGate CCX { get; } = new(GateFacts.CCX, Controlled(X.Matrix(), 2));

    // Rotations: U(θ) = exp(-iθG), G = scale · Π(controls) ⊗ P, declared with the gate's facts (GateFacts).
    /// <summary>RX(θ) = exp(−iθX/2): generator X/2, eigenvalues ±1/2.</summary>
    public static RotationGate RX { get; } = new(GateFacts.RX);

    /// <summary>RY(θ) = exp(−iθY/2): generator Y/2, eigenvalues ±1/2.</summary>
    public static RotationGate RY { get; } = new(GateFacts.RY);

    /// <summary>RZ(θ) = exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}): generator Z/2, eigenvalues ±1/2.</summary>
    public static RotationGate RZ { get; } = new(GateFacts.RZ);

    /// <summary>Phase gate P(λ) = diag(1, e^{iλ}) = exp(+iλ|1⟩⟨1|): generator -|1⟩⟨1|, eigenvalues {-1, 0}.</summary>
    public static RotationGate P { get; } = new(GateFacts.P);

    /// <summary>U3(θ, φ, λ) = P(φ)·RY(θ)·P(λ), as in OpenQASM 3 and Qiskit; angle slots 0, 1, 2 are θ, φ, λ.</summary>
    public static U3Gate U3 { get; } = new();

    /// <summary>CRX(control, target) = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ RX: generator eigenvalues {-1/2, 0, 1/2}.</summary>
    public static RotationGate CRX { get; } = new(GateFacts.CRX);

    /// <summary>CRY(control, target) = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ RY: generator eigenvalues {−1/2, 0, 1/2}.</summary>
    public static RotationGate CRY { get; } = new(GateFacts.CRY);

    /// <summary>CRZ(control, target) = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ RZ: generator eigenvalues {−1/2, 0, 1/2}.</summary>
    public static RotationGate CRZ { get; } = new(GateFacts.CRZ);

    /// <summary>Controlled phase CP(λ) = diag(1, 1, 1, e^{iλ}).</summary>
    public static RotationGate CP { get; } = new(GateFacts.CP);

    /// <summary>RXX(θ) = exp(−iθ X⊗X/2): generator eigenvalues ±1/2.</summary>
    public static RotationGate RXX { get; } = new(GateFacts.RXX);

    /// <summary>RYY(θ) = exp(−iθ Y⊗Y/2): generator eigenvalues ±1/2.</summary>
    public static RotationGate RYY { get; } = new(GateFacts.RYY);

    /// <summary>RZZ(θ) = exp(−iθ Z⊗Z/2), diagonal: generator eigenvalues ±1/2.</summary>
    public static RotationGate RZZ { get; } = new(GateFacts.RZZ);

    /// <summary>RZX(a, b) = exp(-iθ Z_a X_b / 2), Qiskit's RZXGate with Z on the first qubit.</summary>
    public static RotationGate RZX { get; } = new(GateFacts.RZX);

    /// <summary>Every named gate of the catalog (Pauli rotations and custom gates are made on demand).</summary>
    public static IReadOnlyList<Gate> All { get; } = new Gate[]
    {
        I, H, X, Y, Z, S, Sdg, T, Tdg, SX, CNOT, CY, CZ, SWAP, CCX,
        RX, RY, RZ, P, U3, CRX, CRY, CRZ, CP, RXX, RYY, RZZ, RZX,
    };

    private static readonly ConcurrentDictionary<string, RotationGate> PauliRotations = new();

    /// <summary>
    /// exp(-iθP/2) for a Pauli string P. The gate acts on P's support; its local qubit j is the j-th
    /// lowest qubit of the support. Returns the gate and the qubits to apply it to.
    /// </summary>
    public static (RotationGate Gate, int[] Qubits) PauliRotation(PauliString pauli)
    {
        if (pauli.IsIdentity)
            throw new ArgumentException("A Pauli rotation needs a non-identity string; exp(-iθI/2) is only a global phase.", nameof(pauli));
        var qubits = new List<int>();
        string letters = "";
        int x = 0, z = 0;
        for (int q = 0; q < pauli.MinQubits; q++)
        {
            char c = pauli[q];
            if (c == 'I') continue;
            int bit = 1 << qubits.Count;
            if (c is 'X' or 'Y') x |= bit;
            if (c is 'Z' or 'Y') z |= bit;
            qubits.Add(q);
            letters = c + letters;
        }
        if (qubits.Count > 30) throw new ArgumentException($"Pauli string {pauli} acts on {qubits.Count} qubits; at most 30 are supported.", nameof(pauli));
        string name = "R" + letters;
        var gate = PauliRotations.GetOrAdd(letters, _ => new RotationGate(name, qubits.Count, new PauliGenerator(0.5, 0, x, z)));
        return (gate, qubits.ToArray());
    }

    /// <summary>A gate exp(-iθG) for a user-supplied Hermitian generator, validated and diagonalised once.</summary>
    public static RotationGate Custom(string name, ComplexMatrix generator) => RotationGate.Custom(name, generator);

    /// <summary>U with <paramref name="controls"/> control qubits in front (low local bits) and U's qubit last.</summary>
    public static ComplexMatrix Controlled(ComplexMatrix u, int controls)
    {
        if (u.Rows != 2 || u.Columns != 2) throw new ArgumentException("Only single-qubit targets are supported.", nameof(u));
        int d = 1 << (controls + 1);
        var m = ComplexMatrix.Identity(d);
        int a = (1 << controls) - 1, b = a | (1 << controls);
        m[a, a] = u[0, 0]; m[a, b] = u[0, 1];
        m[b, a] = u[1, 0]; m[b, b] = u[1, 1];
        return m;
    }

    private static ComplexMatrix M2(Complex a, Complex b, Complex c, Complex d) => new(new[,] { { a, b }, { c, d } });

    private static ComplexMatrix Swap()
    {
        var m = new ComplexMatrix(4, 4);
        m[0, 0] = 1; m[1, 2] = 1; m[2, 1] = 1; m[3, 3] = 1;
        return m;
    }
}
