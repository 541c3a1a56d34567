using System.Collections.Generic;

namespace ExactGrad.Generators.Model;

/// <summary>
/// The compile-time view of the runtime gate catalog's builder methods: qubits, angles, and circuit
/// evaluations per angle of the shift rule derived from each generator's spectrum (2 for one frequency,
/// 4 for controlled rotations). A generator test checks every row against the runtime catalog.
/// </summary>
internal static class GateTable
{
    internal sealed record Row(int Qubits, int Angles, int EvaluationsPerAngle);

    public static readonly IReadOnlyDictionary<string, Row> Methods = new Dictionary<string, Row>
    {
        ["I"] = new(1, 0, 0), ["H"] = new(1, 0, 0), ["X"] = new(1, 0, 0), ["Y"] = new(1, 0, 0), ["Z"] = new(1, 0, 0),
        ["S"] = new(1, 0, 0), ["Sdg"] = new(1, 0, 0), ["T"] = new(1, 0, 0), ["Tdg"] = new(1, 0, 0), ["SX"] = new(1, 0, 0),
        ["CNOT"] = new(2, 0, 0), ["CX"] = new(2, 0, 0), ["CY"] = new(2, 0, 0), ["CZ"] = new(2, 0, 0), ["SWAP"] = new(2, 0, 0),
        ["CCX"] = new(3, 0, 0),
        ["RX"] = new(1, 1, 2), ["RY"] = new(1, 1, 2), ["RZ"] = new(1, 1, 2), ["P"] = new(1, 1, 2),
        ["U3"] = new(1, 3, 2),
        ["CRX"] = new(2, 1, 4), ["CRY"] = new(2, 1, 4), ["CRZ"] = new(2, 1, 4), ["CP"] = new(2, 1, 2),
        ["RXX"] = new(2, 1, 2), ["RYY"] = new(2, 1, 2), ["RZZ"] = new(2, 1, 2), ["RZX"] = new(2, 1, 2),
    };
}
