using System;
using System.Collections.Generic;

namespace ExactGrad.Gates.Facts;

/// <summary>One angle of a catalog gate: the distinct eigenvalues of the generator it enters through, and what follows from them.</summary>
internal sealed class AngleFact
{
    internal AngleFact(double[] eigenvalues)
    {
        Eigenvalues = SpectrumMath.Distinct(eigenvalues);
        Frequencies = SpectrumMath.Frequencies(Eigenvalues);
        Rule = SpectrumMath.ClosedForm(Frequencies)
               ?? throw new InvalidOperationException("A catalog gate's angle needs a closed-form shift rule.");
    }

    /// <summary>Distinct eigenvalues of the generator G (U(x) = A·exp(-ixG)·B), ascending.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>Distinct positive eigenvalue differences, ascending: the frequencies of E(x).</summary>
    public IReadOnlyList<double> Frequencies { get; }

    /// <summary>The parameter-shift rule the runtime derives from this spectrum, in its term order.</summary>
    public RuleTerms Rule { get; }

    /// <summary>Eigenvalues ±1/2, so the operator rule ∂U/∂x = ½U(x+π) holds for this angle.</summary>
    public bool OperatorRule => SpectrumMath.IsHalfPauliLike(Eigenvalues);
}

/// <summary>
/// One gate of the runtime catalog, as every part of ExactGrad sees it: its name, the CircuitBuilder methods
/// that append it, its qubits (controls first), its angles, and its OpenQASM statement in each dialect.
/// </summary>
internal sealed class GateFact
{
    internal GateFact(string name, string[] methods, int qubits, int controls, double[][] angles, string? qasm3, string? qasm2, GeneratorFact? generator = null)
    {
        Generator = generator;
        Name = name;
        Methods = methods;
        Qubits = qubits;
        Controls = controls;
        var slots = new AngleFact[angles.Length];
        for (int i = 0; i < slots.Length; i++) slots[i] = new AngleFact(angles[i]);
        Angles = slots;
        Qasm3 = qasm3;
        Qasm2 = qasm2;
    }

    /// <summary>The runtime gate's name (Gate.Name).</summary>
    public string Name { get; }

    /// <summary>The CircuitBuilder methods that append this gate (angles first, then qubits).</summary>
    public IReadOnlyList<string> Methods { get; }

    public int Qubits { get; }

    /// <summary>Leading qubits drawn as controls.</summary>
    public int Controls { get; }

    /// <summary>A one-angle rotation's generator, in Pauli form; null for fixed gates, U3 and PauliRotation (whose string is its label).</summary>
    public GeneratorFact? Generator { get; }

    /// <summary>One entry per angle slot, in argument order; empty for a fixed gate.</summary>
    public IReadOnlyList<AngleFact> Angles { get; }

    /// <summary>Whether every angle obeys the operator rule (so overlap gradients by the π-shift apply): false for a fixed gate.</summary>
    public bool OperatorRule
    {
        get
        {
            foreach (var a in Angles)
                if (!a.OperatorRule) return false;
            return Angles.Count > 0;
        }
    }

    /// <summary>The gate's own statement in OpenQASM 3 (stdgates.inc); null: the exporter writes an exact decomposition.</summary>
    public string? Qasm3 { get; }

    /// <summary>The gate's own statement in OpenQASM 2.0 (qelib1.inc); null: the exporter writes an exact decomposition.</summary>
    public string? Qasm2 { get; }

    /// <summary>The statement for a dialect: 3 for OpenQASM 3, 2 for 2.0.</summary>
    public string? Qasm(int version) => version == 2 ? Qasm2 : Qasm3;
}

/// <summary>
/// The gate catalog's facts, declared once. The runtime builds its catalog gates from these rows (matrices are
/// runtime code, keyed off them); the generator and the analyzers link this file and read the same rows. So a
/// gate's qubit count, angles, spectra, shift rules, operator-rule and export coverage cannot drift apart.
/// </summary>
internal static class GateFacts
{
    private static readonly double[][] None = Array.Empty<double[]>();

    /// <summary>exp(-ixP/2) for a Pauli string P.</summary>
    private static readonly double[] HalfPauli = { -0.5, 0.5 };

    /// <summary>exp(+ix|1…1⟩⟨1…1|): the generator -|1…1⟩⟨1…1| of a phase.</summary>
    private static readonly double[] Phase = { -1.0, 0.0 };

    /// <summary>|1⟩⟨1| ⊗ P/2: a Pauli rotation under one control.</summary>
    private static readonly double[] ControlledHalfPauli = { -0.5, 0.0, 0.5 };

    public static readonly GateFact I = Fixed("I", 1, 0, "id", "id");
    public static readonly GateFact H = Fixed("H", 1, 0, "h", "h");
    public static readonly GateFact X = Fixed("X", 1, 0, "x", "x");
    public static readonly GateFact Y = Fixed("Y", 1, 0, "y", "y");
    public static readonly GateFact Z = Fixed("Z", 1, 0, "z", "z");
    public static readonly GateFact S = Fixed("S", 1, 0, "s", "s");
    public static readonly GateFact Sdg = Fixed("Sdg", 1, 0, "sdg", "sdg");
    public static readonly GateFact T = Fixed("T", 1, 0, "t", "t");
    public static readonly GateFact Tdg = Fixed("Tdg", 1, 0, "tdg", "tdg");
    public static readonly GateFact SX = Fixed("SX", 1, 0, "sx", null);
    public static readonly GateFact CNOT = new("CNOT", new[] { "CNOT", "CX" }, 2, 1, None, "cx", "cx");
    public static readonly GateFact CY = Fixed("CY", 2, 1, "cy", "cy");
    public static readonly GateFact CZ = Fixed("CZ", 2, 1, "cz", "cz");
    public static readonly GateFact SWAP = Fixed("SWAP", 2, 0, "swap", null);
    public static readonly GateFact CCX = Fixed("CCX", 3, 2, "ccx", "ccx");

    public static readonly GateFact RX = Rotation("RX", 1, 0, HalfPauli, "rx", "rx", new GeneratorFact(0.5, 0, 0b1, 0));
    public static readonly GateFact RY = Rotation("RY", 1, 0, HalfPauli, "ry", "ry", new GeneratorFact(0.5, 0, 0b1, 0b1));
    public static readonly GateFact RZ = Rotation("RZ", 1, 0, HalfPauli, "rz", "rz", new GeneratorFact(0.5, 0, 0, 0b1));
    public static readonly GateFact P = Rotation("P", 1, 0, Phase, "p", "u1", new GeneratorFact(-1, 0b1, 0, 0));

    /// <summary>U3(θ, φ, λ) = P(φ)·RY(θ)·P(λ): θ enters through Y/2, φ and λ as phases.</summary>
    public static readonly GateFact U3 = new("U3", new[] { "U3" }, 1, 0, new[] { HalfPauli, Phase, Phase }, "U", "u3");

    public static readonly GateFact CRX = Rotation("CRX", 2, 1, ControlledHalfPauli, "crx", null, new GeneratorFact(0.5, 0b01, 0b10, 0));
    public static readonly GateFact CRY = Rotation("CRY", 2, 1, ControlledHalfPauli, "cry", null, new GeneratorFact(0.5, 0b01, 0b10, 0b10));
    public static readonly GateFact CRZ = Rotation("CRZ", 2, 1, ControlledHalfPauli, "crz", "crz", new GeneratorFact(0.5, 0b01, 0, 0b10));
    public static readonly GateFact CP = Rotation("CP", 2, 1, Phase, "cp", "cu1", new GeneratorFact(-1, 0b11, 0, 0));
    public static readonly GateFact RXX = Rotation("RXX", 2, 0, HalfPauli, null, null, new GeneratorFact(0.5, 0, 0b11, 0));
    public static readonly GateFact RYY = Rotation("RYY", 2, 0, HalfPauli, null, null, new GeneratorFact(0.5, 0, 0b11, 0b11));
    public static readonly GateFact RZZ = Rotation("RZZ", 2, 0, HalfPauli, null, null, new GeneratorFact(0.5, 0, 0, 0b11));
    public static readonly GateFact RZX = Rotation("RZX", 2, 0, HalfPauli, null, null, new GeneratorFact(0.5, 0, 0b10, 0b01));

    /// <summary>
    /// exp(-ixP/2) for a Pauli string P (CircuitBuilder.PauliRotation): one angle entering through P/2. Its qubits are the
    /// string's support, so <see cref="GateFact.Qubits"/> is 0 here; the runtime makes one gate per string on demand.
    /// </summary>
    public static readonly GateFact PauliRotation = new("PauliRotation", new[] { "PauliRotation" }, 0, 0, new[] { HalfPauli }, null, null);

    /// <summary>Every catalog gate, in the catalog's order.</summary>
    public static readonly IReadOnlyList<GateFact> All = new[]
    {
        I, H, X, Y, Z, S, Sdg, T, Tdg, SX, CNOT, CY, CZ, SWAP, CCX,
        RX, RY, RZ, P, U3, CRX, CRY, CRZ, CP, RXX, RYY, RZZ, RZX,
    };

    /// <summary>The gate each CircuitBuilder catalog method appends.</summary>
    public static readonly IReadOnlyDictionary<string, GateFact> ByMethod = Index();

    private static GateFact Fixed(string name, int qubits, int controls, string? qasm3, string? qasm2) =>
        new(name, new[] { name }, qubits, controls, None, qasm3, qasm2);

    private static GateFact Rotation(string name, int qubits, int controls, double[] eigenvalues, string? qasm3, string? qasm2, GeneratorFact generator) =>
        new(name, new[] { name }, qubits, controls, new[] { eigenvalues }, qasm3, qasm2, generator);

    private static Dictionary<string, GateFact> Index()
    {
        var byMethod = new Dictionary<string, GateFact>(StringComparer.Ordinal);
        foreach (var gate in All)
            foreach (string method in gate.Methods) byMethod.Add(method, gate);
        return byMethod;
    }
}
