using System;
using System.Collections.Generic;
using System.Globalization;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Geometry;

/// <summary>
/// The trained gates of a circuit as the metric sees them: each is exp(-iφ·s·P) for a Pauli string P on the
/// register, its angle φ = a·θ_k + b, and the layer it belongs to. The metric is first formed over these
/// gate angles (g_φ) and then carried to the parameters by the chain rule, g_θ = Jᵀ g_φ J with
/// J_ak = ∂φ_a/∂θ_k = a (a parameter may drive several gates, scaled and offset).
/// A layer is a run of consecutive trained gates whose generators commute pairwise; an untrained operation
/// (a fixed gate, a constant angle) or a non-commuting generator starts the next one. Within a layer every
/// derivative acts on the same state, the one prepared before the layer, so its block is a covariance.
/// </summary>
internal sealed class MetricGenerators
{
    /// <summary>Trained gate <see cref="Operation"/>: generator <see cref="Scale"/>·<see cref="Pauli"/>, angle <see cref="ChainScale"/>·θ[<see cref="Parameter"/>] + b.</summary>
    internal readonly record struct Generator(int Operation, PauliString Pauli, double Scale, int Parameter, double ChainScale, int Layer);

    private readonly Generator[] _generators;
    private readonly int[] _layerStart;

    private MetricGenerators(Circuit circuit, Generator[] generators, int[] layerStart)
    {
        Circuit = circuit;
        _generators = generators;
        _layerStart = layerStart;
    }

    public Circuit Circuit { get; }

    /// <summary>The trained gates in circuit order.</summary>
    public IReadOnlyList<Generator> Items => _generators;

    /// <summary>The index of the first operation of layer <paramref name="layer"/>: the layer's state is the circuit's prefix before it.</summary>
    public int LayerStart(int layer) => _layerStart[layer];

    /// <summary>
    /// Reads the trained gates; throws, naming the gate, the operation and the parameter, when a trained
    /// angle enters a gate that is not a Pauli rotation exp(-iφ·s·P) (U3, a controlled rotation, a phase, a custom generator).
    /// </summary>
    public static MetricGenerators Of(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var generators = new List<Generator>();
        var layerStart = new List<int>();
        var layer = new List<PauliString>();
        bool open = false;
        for (int i = 0; i < circuit.Operations.Count; i++)
        {
            var op = circuit.Operations[i];
            int trained = -1;
            for (int s = 0; s < op.Angles.Count; s++)
                if (!op.Angles[s].IsConstant && op.Angles[s].Scale != 0) { trained = s; break; }
            if (trained < 0) { open = false; continue; }
            var angle = op.Angles[trained];
            if (op.Gate.ParameterCount != 1 || op.Gate.PauliGenerator is not { ControlMask: 0, IsIdentityPauli: false } g)
                throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"Gate {op.Gate.Name} (operation {i}) carries parameter θ{angle.ParameterIndex}, but the metric tensor covers only Pauli rotations exp(-iθ·s·P) with an uncontrolled Pauli-string generator (RX, RY, RZ, RXX, RYY, RZZ, RZX, PauliRotation); {Why(op.Gate)}. Decompose it into Pauli rotations."));
            var q = op.QubitArray;
            var pauli = new PauliString((ulong)IndexSpace.MapMask(g.XMask, q), (ulong)IndexSpace.MapMask(g.ZMask, q));
            if (!open || !layer.TrueForAll(p => p.CommutesWith(pauli)))
            {
                layerStart.Add(i);
                layer.Clear();
            }
            layer.Add(pauli);
            open = true;
            generators.Add(new Generator(i, pauli, g.Scale, angle.ParameterIndex, angle.Scale, layerStart.Count - 1));
        }
        return new MetricGenerators(circuit, generators.ToArray(), layerStart.ToArray());
    }

    /// <summary>
    /// g_θ = Jᵀ g_φ J from the metric over gate angles, with standard errors in quadrature (each angle pair's
    /// entry counted once; the means ⟨P⟩ that several entries share make them correlated, which this ignores).
    /// </summary>
    public MetricTensor Pullback(double[,] overAngles, double[,] standardErrors, MetricApproximation approximation, int circuits, string method)
    {
        int n = Circuit.ParameterCount;
        var g = new double[n, n];
        var variance = new double[n, n];
        for (int a = 0; a < _generators.Length; a++)
            for (int b = a; b < _generators.Length; b++)
            {
                double value = overAngles[a, b];
                if (value == 0 && standardErrors[a, b] == 0) continue;
                int k = _generators[a].Parameter, l = _generators[b].Parameter;
                double w = _generators[a].ChainScale * _generators[b].ChainScale;
                // The pair (a, b) and its mirror (b, a) are one estimate: when both land on one entry their weights add.
                if (a != b && k == l) w *= 2;
                double se = w * standardErrors[a, b];
                g[k, l] += w * value;
                variance[k, l] += se * se;
                if (k != l)
                {
                    g[l, k] += w * value;
                    variance[l, k] += se * se;
                }
            }
        for (int k = 0; k < n; k++)
            for (int l = 0; l < n; l++) variance[k, l] = Math.Sqrt(variance[k, l]);
        return new MetricTensor(g, variance, approximation, circuits, method);
    }

    private static string Why(Gates.Gate gate) => gate.PauliGenerator switch
    {
        { ControlMask: not 0 } => "its generator is projected onto control qubits (a controlled rotation or a phase)",
        null when gate.ParameterCount > 1 => $"it has {gate.ParameterCount} angles with different generators",
        _ => "its generator is not a Pauli string",
    };
}
