using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;

namespace ExactGrad.Tests.Support;

/// <summary>Random circuits that use every parameterized gate kind, with shared and scaled parameters.</summary>
internal static class RandomCircuits
{
    public static Circuit Create(int qubits, int parameters, int depth, Random rng, IReadOnlyList<Gate>? gates = null)
    {
        var pool = (gates ?? ParameterizedGates(qubits)).Where(g => g.QubitCount <= qubits).ToArray();
        var b = new CircuitBuilder(qubits, parameters);
        // Every parameter is used at least once; later uses share parameters, scaled and offset.
        int next = 0;
        for (int i = 0; i < depth || next < parameters; i++)
        {
            var gate = pool[rng.Next(pool.Length)];
            var q = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
            var angles = new Angle[gate.ParameterCount];
            for (int s = 0; s < angles.Length; s++)
            {
                int k = next < parameters ? next++ : rng.Next(parameters);
                angles[s] = rng.Next(3) switch
                {
                    0 => b.Parameters[k],
                    1 => (rng.NextDouble() * 3 - 1.5) * b.Parameters[k] + rng.NextDouble(),
                    _ => -b.Parameters[k] + 0.3,
                };
            }
            b.Gate(gate, q, angles);
            if (rng.Next(3) == 0 && qubits > 1)
            {
                var pair = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).Take(2).ToArray();
                b.CNOT(pair[0], pair[1]);
            }
            if (rng.Next(4) == 0) b.H(rng.Next(qubits));
        }
        return b.Build();
    }

    public static IReadOnlyList<Gate> ParameterizedGates(int qubits)
    {
        var list = new List<Gate>(GateCatalog.All.Where(g => g.IsParameterized));
        if (qubits >= 3) list.Add(GateCatalog.PauliRotation(PauliString.Parse("XYZ")).Gate);
        return list;
    }

    public static double[] Theta(int count, Random rng) =>
        Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 2 * Math.PI - Math.PI).ToArray();

    /// <summary>A random observable with a few Pauli terms on the register.</summary>
    public static Observable Observable(int qubits, Random rng, int terms = 4)
    {
        const string letters = "IXYZ";
        var list = new List<PauliTerm>();
        for (int t = 0; t < terms; t++)
        {
            var label = new string(Enumerable.Range(0, qubits).Select(_ => letters[rng.Next(4)]).ToArray());
            list.Add(new PauliTerm(rng.NextDouble() * 2 - 1, PauliString.Parse(label)));
        }
        return new Observable(list);
    }
}
