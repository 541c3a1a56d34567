using System;
using System.Collections.Generic;

namespace ExactGrad.Generators.Model;

/// <summary>
/// The compile-time view of the runtime gate catalog's builder methods: qubits, angles, and the shift
/// rule of each angle's generator (two terms for one frequency, four for controlled rotations). A
/// generator test checks every row against the runtime catalog and its derived rules.
/// </summary>
internal static class GateTable
{
    internal sealed record Row(int Qubits, int Angles, Rule? Rule = null)
    {
        public int EvaluationsPerAngle => Rule?.Shifts.Length ?? 0;

        /// <summary>Every angle enters as exp(-ixP/2) (eigenvalues ±1/2), so the operator rule ∂U = ½U(x+π) holds.</summary>
        public bool OperatorShift { get; init; }
    }

    /// <summary>A shift rule: E'(x) = Σ Coefficients[i]·E(x + Shifts[i]), in the runtime's term order.</summary>
    internal sealed record Rule(double[] Shifts, double[] Coefficients);

    /// <summary>Single frequency 1 (generator eigenvalues ±1/2, or {-1, 0}): the runtime's ShiftRule.TwoTerm(1, π/2).</summary>
    private static readonly Rule TwoTerm = new(new[] { Math.PI / 2, -Math.PI / 2 }, new[] { 1 / (2 * Math.Sin(Math.PI / 2)), -1 / (2 * Math.Sin(Math.PI / 2)) });

    /// <summary>Frequencies {1/2, 1} (controlled rotations): the runtime's ShiftRule.Equidistant(1/2, 2).</summary>
    private static readonly Rule FourTerm = Equidistant(0.5, 2);

    private static Rule Equidistant(double omega, int order)
    {
        var shifts = new List<double>();
        var coefficients = new List<double>();
        for (int mu = 1; mu <= order; mu++)
        {
            double x = (2 * mu - 1) * Math.PI / (2 * order);
            double sinHalf = Math.Sin(x / 2);
            double c = omega * ((mu & 1) == 1 ? 1 : -1) / (4 * order * sinHalf * sinHalf);
            shifts.Add(x / omega); coefficients.Add(c);
            shifts.Add(-x / omega); coefficients.Add(-c);
        }
        return new Rule(shifts.ToArray(), coefficients.ToArray());
    }

    private static Row Pauli(int qubits, int angles) => new(qubits, angles, TwoTerm) { OperatorShift = true };

    public static readonly IReadOnlyDictionary<string, Row> Methods = new Dictionary<string, Row>
    {
        ["I"] = new(1, 0), ["H"] = new(1, 0), ["X"] = new(1, 0), ["Y"] = new(1, 0), ["Z"] = new(1, 0),
        ["S"] = new(1, 0), ["Sdg"] = new(1, 0), ["T"] = new(1, 0), ["Tdg"] = new(1, 0), ["SX"] = new(1, 0),
        ["CNOT"] = new(2, 0), ["CX"] = new(2, 0), ["CY"] = new(2, 0), ["CZ"] = new(2, 0), ["SWAP"] = new(2, 0),
        ["CCX"] = new(3, 0),
        ["RX"] = Pauli(1, 1), ["RY"] = Pauli(1, 1), ["RZ"] = Pauli(1, 1), ["P"] = new(1, 1, TwoTerm),
        ["U3"] = new(1, 3, TwoTerm), // φ and λ enter as phases (eigenvalues 0, 1): no operator rule
        ["CRX"] = new(2, 1, FourTerm), ["CRY"] = new(2, 1, FourTerm), ["CRZ"] = new(2, 1, FourTerm), ["CP"] = new(2, 1, TwoTerm),
        ["RXX"] = Pauli(2, 1), ["RYY"] = Pauli(2, 1), ["RZZ"] = Pauli(2, 1), ["RZX"] = Pauli(2, 1),
    };
}
