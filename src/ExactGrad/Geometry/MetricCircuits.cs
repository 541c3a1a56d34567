using System;
using System.Collections.Generic;
using System.Globalization;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Geometry;

/// <summary>
/// The metric from circuits that run on any backend. With generators G_a = s_a·P_a, m_a = ⟨P_a⟩ on the state
/// prepared before a's layer (the gates of a layer before a commute with P_a, so it is also ⟨P_a⟩ just before a):
/// <list type="bullet">
/// <item>g_aa = s_a²(1 − m_a²);</item>
/// <item>a, b in one layer: g_ab = s_a s_b(⟨P_aP_b⟩ − m_a m_b), P_aP_b a Pauli string measured on the layer's state;</item>
/// <item>a before b in different layers (<see cref="MetricApproximation.Full"/> only): g_ab = s_a s_b(Re⟨φ_a|P_a V†P_b V|φ_a⟩ − m_a m_b),
/// φ_a the state after gate a and V the gates after a up to b; the real part is a Hadamard test: an ancilla
/// (qubit n) in |+⟩, controlled-P_a after gate a, the gates up to b, controlled-P_b, H, then ⟨Z_ancilla⟩.
/// A controlled Pauli string is one CX, CY or CZ from the ancilla per qubit of its support.</item>
/// </list>
/// Every estimate comes from its own circuit, so standard errors combine in quadrature (to second order for products of means).
/// </summary>
internal static class MetricCircuits
{
    public const string CovarianceMethod = "metric-covariance";
    public const string HadamardMethod = "metric-hadamard-test";

    public static MeasurementPlan<MetricTensor> Plan(MetricGenerators generators, BoundCircuit bound, MetricApproximation approximation)
    {
        var items = generators.Items;
        int count = items.Count;
        var circuits = new List<PlannedCircuit>();
        // Where each estimate is in the stage's results; -1 with a known sign: P_aP_b is ±I, nothing to measure.
        var mean = new int[count];
        var pair = new int[count, count];
        var pairSign = new double[count, count];
        var means = new Dictionary<(int Layer, PauliString Pauli), int>();
        for (int a = 0; a < count; a++)
        {
            var layerState = bound.Prefix(generators.LayerStart(items[a].Layer));
            // Gates of one layer with one string share one estimate of its mean (the runner would merge the requests anyway).
            if (!means.TryGetValue((items[a].Layer, items[a].Pauli), out mean[a]))
                means[(items[a].Layer, items[a].Pauli)] = mean[a] = Add(circuits, layerState, items[a].Pauli, 1, items[a], items[a], "mean");
            for (int b = a + 1; b < count; b++)
            {
                if (items[b].Layer == items[a].Layer)
                {
                    var (phase, product) = PauliString.Multiply(items[a].Pauli, items[b].Pauli);
                    pairSign[a, b] = phase == 0 ? 1 : -1;   // commuting strings: the phase is ±1
                    pair[a, b] = product.IsIdentity ? -1 : Add(circuits, layerState, product, pairSign[a, b], items[a], items[b], "product");
                }
                else if (approximation == MetricApproximation.Full)
                {
                    pairSign[a, b] = 1;
                    pair[a, b] = Add(circuits, HadamardTest(bound, items[a], items[b]), PauliString.Single('Z', bound.QubitCount), 1, items[a], items[b], "hadamard test");
                }
                else pair[a, b] = -2;
            }
        }
        string method = approximation == MetricApproximation.Full ? HadamardMethod : CovarianceMethod;
        int evaluations = circuits.Count;
        return MeasurementPlan.Measure(method, circuits, r =>
        {
            var g = new double[count, count];
            var se = new double[count, count];
            for (int a = 0; a < count; a++)
            {
                var ma = r[mean[a]];
                double sa = items[a].Scale;
                g[a, a] = sa * sa * (1 - ma.Value * ma.Value);
                se[a, a] = sa * sa * SquareError(ma);
                for (int b = a + 1; b < count; b++)
                {
                    if (pair[a, b] == -2) continue;
                    var mb = r[mean[b]];
                    var product = pair[a, b] == -1 ? Estimate.Exact(1) : r[pair[a, b]];
                    double w = sa * items[b].Scale, sign = pairSign[a, b];
                    g[a, b] = g[b, a] = w * (sign * product.Value - ma.Value * mb.Value);
                    double error = mean[a] == mean[b] ? SquareError(ma) : ProductError(ma, mb);
                    se[a, b] = se[b, a] = Math.Abs(w) * Math.Sqrt(product.StandardError * product.StandardError + error * error);
                }
            }
            return generators.Pullback(g, se, approximation, evaluations, method);
        });
    }

    /// <summary>The standard error of m̂² for m̂ ~ N(m, σ²): √(4m²σ² + 2σ⁴), honest also where m is near 0.</summary>
    private static double SquareError(Estimate m)
    {
        double v = m.StandardError * m.StandardError;
        return Math.Sqrt(4 * m.Value * m.Value * v + 2 * v * v);
    }

    /// <summary>The standard error of m̂_a·m̂_b for independent estimates: √(m_b²σ_a² + m_a²σ_b² + σ_a²σ_b²).</summary>
    private static double ProductError(Estimate a, Estimate b)
    {
        double va = a.StandardError * a.StandardError, vb = b.StandardError * b.StandardError;
        return Math.Sqrt(b.Value * b.Value * va + a.Value * a.Value * vb + va * vb);
    }

    /// <summary>Adds a circuit measuring <paramref name="pauli"/> (the estimate is of the unsigned string) and returns its index.</summary>
    private static int Add(List<PlannedCircuit> circuits, BoundCircuit circuit, PauliString pauli, double weight,
        MetricGenerators.Generator a, MetricGenerators.Generator b, string what)
    {
        var parameters = a.Parameter == b.Parameter ? new[] { a.Parameter } : new[] { Math.Min(a.Parameter, b.Parameter), Math.Max(a.Parameter, b.Parameter) };
        string label = string.Create(CultureInfo.InvariantCulture, $"metric {what} gates {a.Operation},{b.Operation}");
        circuits.Add(new PlannedCircuit(circuit, pauli, label, parameters, Math.Abs(weight * a.Scale * a.ChainScale * b.Scale * b.ChainScale)));
        return circuits.Count - 1;
    }

    /// <summary>The Hadamard test of Re⟨φ_a|P_a V†P_b V|φ_a⟩ on n + 1 qubits (the ancilla is qubit n).</summary>
    private static BoundCircuit HadamardTest(BoundCircuit bound, MetricGenerators.Generator a, MetricGenerators.Generator b)
    {
        int n = bound.QubitCount;
        var ops = new List<BoundOperation> { Fixed(GateCatalog.H, n) };
        for (int i = 0; i <= a.Operation; i++) ops.Add(bound.Operations[i]);
        ControlledPauli(ops, a.Pauli, n);
        for (int i = a.Operation + 1; i < b.Operation; i++) ops.Add(bound.Operations[i]);
        ControlledPauli(ops, b.Pauli, n);
        ops.Add(Fixed(GateCatalog.H, n));
        return new BoundCircuit(n + 1, ops.ToArray());
    }

    private static void ControlledPauli(List<BoundOperation> ops, PauliString pauli, int ancilla)
    {
        for (int q = 0; q < pauli.MinQubits; q++)
        {
            var gate = pauli[q] switch { 'X' => GateCatalog.CNOT, 'Y' => GateCatalog.CY, 'Z' => GateCatalog.CZ, _ => null };
            if (gate is not null) ops.Add(Fixed(gate, ancilla, q));
        }
    }

    private static BoundOperation Fixed(Gate gate, params int[] qubits) => new(gate, qubits, Array.Empty<double>());
}
