using System;
using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Tests.Support;

/// <summary>Qubit placements for kernel tests: ordered k-tuples of distinct qubits of an n-qubit register.</summary>
internal static class QubitPlacements
{
    /// <summary>Every ordered placement up to <paramref name="exhaustiveUpTo"/> qubits; beyond, every qubit in every role with random partners.</summary>
    public static IEnumerable<int[]> Of(int n, int k, Random rng, int exhaustiveUpTo)
    {
        if (n <= exhaustiveUpTo)
        {
            foreach (var p in Ordered(n, k)) yield return p;
            yield break;
        }
        for (int role = 0; role < k; role++)
            for (int q = 0; q < n; q++)
            {
                var rest = Enumerable.Range(0, n).Where(r => r != q).OrderBy(_ => rng.Next()).Take(k - 1).ToList();
                rest.Insert(role, q);
                yield return rest.ToArray();
            }
    }

    private static IEnumerable<int[]> Ordered(int n, int k)
    {
        if (k == 0) { yield return Array.Empty<int>(); yield break; }
        foreach (var head in Ordered(n, k - 1))
            for (int q = 0; q < n; q++)
                if (!head.Contains(q)) yield return head.Append(q).ToArray();
    }
}
