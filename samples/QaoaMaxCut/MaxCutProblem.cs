using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace QaoaMaxCut;

/// <summary>
/// MaxCut on a 3-regular graph of 8 nodes (not bipartite: 0-1-2-3-4 is a 5-cycle) by QAOA with p layers:
/// |+⟩^n, then per layer the cost unitary exp(-iγ Σ_(i,j) Z_i Z_j / 2) (one RZZ(γ) per edge) and the mixer
/// RX(β) on every qubit. The generator reads the ansatz at compile time, its loop over the edges included.
/// </summary>
public static partial class MaxCutProblem
{
    public const int Nodes = 8;

    /// <summary>QAOA depth p: parameters θ[2l] = γ_l and θ[2l + 1] = β_l.</summary>
    public const int Layers = 3;

    private static readonly (int From, int To)[] Edges =
    {
        (0, 1), (0, 4), (0, 7), (1, 2), (1, 5), (2, 3),
        (2, 6), (3, 4), (3, 7), (4, 5), (5, 6), (6, 7),
    };

    /// <summary>The cut operator C = Σ_(i,j) ½(1 − Z_i Z_j): its value on a basis state is the number of edges cut.</summary>
    public static Observable Cut { get; } = CutOperator();

    [Ansatz(Qubits = Nodes, Parameters = 2 * Layers)]
    static void Qaoa(CircuitBuilder c, Parameters theta)
    {
        for (int q = 0; q < Nodes; q++) c.H(q);
        for (int layer = 0; layer < Layers; layer++)
        {
            foreach (var (i, j) in Edges) c.RZZ(theta[2 * layer], i, j);
            for (int q = 0; q < Nodes; q++) c.RX(theta[2 * layer + 1], q);
        }
    }

    /// <summary>The cost to minimise: −⟨C⟩, the expected cut with its sign turned.</summary>
    [Cost(nameof(Qaoa))]
    static double NegativeCut(Measurements m) => -m.Expect(Cut);

    /// <summary>The number of edges that the partition <paramref name="assignment"/> (bit q: qubit q's side) cuts.</summary>
    public static int CutSize(long assignment)
    {
        int cut = 0;
        foreach (var (i, j) in Edges)
            if (((assignment >> i) & 1) != ((assignment >> j) & 1)) cut++;
        return cut;
    }

    /// <summary>The maximum cut, by trying all 2^n partitions.</summary>
    public static int BruteForceMaxCut()
    {
        int best = 0;
        for (long assignment = 0; assignment < 1L << Nodes; assignment++)
            best = System.Math.Max(best, CutSize(assignment));
        return best;
    }

    public static int EdgeCount => Edges.Length;

    private static Observable CutOperator()
    {
        var cut = Observable.Zero;
        foreach (var (i, j) in Edges)
            cut += 0.5 - 0.5 * (PauliString.Single('Z', i) * PauliString.Single('Z', j));
        return cut;
    }
}
