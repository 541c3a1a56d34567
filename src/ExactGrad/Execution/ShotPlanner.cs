using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// The one place a <see cref="ShotAllocation"/> becomes shots: per call it bounds the shots of the whole
/// plan (for budgets checked before anything runs), turns each stage's planned circuits into requests,
/// and, for variance-aware allocation, runs the value circuits of a stage first as the pilot. Both
/// runners use it, so a plan gets the same requests, and so the same numbers, from either.
/// </summary>
internal sealed class ShotPlanner
{
    private const double SigmaFloor = 1e-3;
    private readonly ShotAllocation? _allocation;
    private readonly IDictionary<string, double>? _history;
    private readonly long _sample;
    private readonly int _pilotShots;
    private long _spent;
    private double _pilotSigma = double.NaN;

    /// <param name="allocation">Null: every request asks for 0 shots and the estimator decides (a <c>ShotEstimator</c> samples its own).</param>
    /// <param name="totalCircuits">Circuits of the whole plan (an upper bound).</param>
    /// <param name="step">The call's step number: the sample number of shot requests.</param>
    /// <param name="history">Single-shot σ per circuit label from earlier calls (variance-aware allocation), updated here.</param>
    public ShotPlanner(ShotAllocation? allocation, int totalCircuits, long step, IDictionary<string, double>? history)
    {
        _allocation = allocation;
        _history = history;
        _sample = allocation is null or ExactAllocation ? 0 : step;
        switch (allocation)
        {
            case null or ExactAllocation: break;
            case UniformAllocation: break;   // its count was checked when it was made
            case VarianceAwareAllocation v:
                // The minimum was checked when the allocation was made; the total against this plan's circuits here.
                long minimum = (long)v.MinimumPerCircuit * totalCircuits;
                if (v.ShotsPerStep < minimum)
                    throw new ArgumentOutOfRangeException(nameof(allocation), v.ShotsPerStep, $"{totalCircuits} circuits need at least {minimum} shots at {v.MinimumPerCircuit} each.");
                _pilotShots = (int)Math.Min(int.MaxValue, Math.Max(v.MinimumPerCircuit, v.ShotsPerStep / Math.Max(1, totalCircuits)));
                break;
            default: throw new ArgumentException($"Unknown shot allocation {allocation}.", nameof(allocation));
        }
    }

    /// <summary>True when no request samples shots (the target decides, or everything is exact).</summary>
    public bool IsExact => _allocation is null or ExactAllocation;

    /// <summary>At most this many shots for a plan of <paramref name="circuits"/> circuits.</summary>
    public long Bound(int circuits) => _allocation switch
    {
        UniformAllocation u => (long)u.ShotsPerCircuit * circuits,
        VarianceAwareAllocation v => v.ShotsPerStep,
        _ => 0,
    };

    /// <summary>
    /// The order a stage's circuits are measured in: variance-aware allocation measures a stage's value
    /// circuits first (the pilot) when it also holds derivative circuits; otherwise one batch.
    /// </summary>
    public IReadOnlyList<int[]> Batches(IReadOnlyList<PlannedCircuit> stage)
    {
        var all = Enumerable.Range(0, stage.Count).ToArray();
        if (_allocation is not VarianceAwareAllocation) return new[] { all };
        var values = all.Where(i => stage[i].IsValue).ToArray();
        if (values.Length == 0 || values.Length == all.Length) return new[] { all };
        return new[] { values, all.Where(i => !stage[i].IsValue).ToArray() };
    }

    /// <summary>The requests for circuits <paramref name="indices"/> of <paramref name="stage"/>; <paramref name="laterCircuits"/> circuits still follow.</summary>
    public CircuitRequest[] Requests(IReadOnlyList<PlannedCircuit> stage, int[] indices, int laterCircuits)
    {
        var shots = new int[indices.Length];
        switch (_allocation)
        {
            case UniformAllocation u: Array.Fill(shots, u.ShotsPerCircuit); break;
            case VarianceAwareAllocation v: Split(v, stage, indices, laterCircuits, shots); break;
        }
        var requests = new CircuitRequest[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var c = stage[indices[i]];
            requests[i] = new CircuitRequest(c.Circuit, c.Observable, shots[i], shots[i] == 0 ? 0 : _sample) { Purpose = Purpose(c) };
        }
        return requests;
    }

    /// <summary>"value", or the parameters the circuit feeds ("θ3", "θ0,θ1"): jobs are traced to them.</summary>
    private static string Purpose(PlannedCircuit c) =>
        c.IsValue ? "value" : string.Join(",", c.Parameters.Select(p => "θ" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Notes what a batch spent and each circuit's single-shot σ (the pilot's, and the history).</summary>
    public void Observe(IReadOnlyList<PlannedCircuit> stage, int[] indices, CircuitRequest[] requests, Estimate[] results)
    {
        for (int i = 0; i < requests.Length; i++)
        {
            int n = requests[i].Shots;
            if (n == 0) continue;
            _spent += n;
            double sigma = results[i].StandardError * Math.Sqrt(n);
            if (stage[indices[i]].IsValue) _pilotSigma = double.IsNaN(_pilotSigma) ? sigma : Math.Max(_pilotSigma, sigma);
            else if (_history is not null) _history[stage[indices[i]].Label] = sigma;
        }
    }

    /// <summary>Values get the pilot share; derivative circuits the minimum plus the rest ∝ weight × σ.</summary>
    private void Split(VarianceAwareAllocation v, IReadOnlyList<PlannedCircuit> stage, int[] indices, int laterCircuits, int[] shots)
    {
        var derivatives = new List<int>();
        for (int i = 0; i < indices.Length; i++)
        {
            if (stage[indices[i]].IsValue) shots[i] = _pilotShots;
            else derivatives.Add(i);
        }
        if (derivatives.Count == 0) return;
        long values = indices.Length - derivatives.Count;
        long rest = v.ShotsPerStep - _spent - values * _pilotShots - (long)laterCircuits * _pilotShots - (long)v.MinimumPerCircuit * derivatives.Count;
        rest = Math.Max(0, rest);
        double fallback = double.IsNaN(_pilotSigma) ? 1 : Math.Max(SigmaFloor, _pilotSigma);
        var weights = derivatives.Select(i =>
        {
            var c = stage[indices[i]];
            double sigma = _history is not null && _history.TryGetValue(c.Label, out var s) ? Math.Max(SigmaFloor, s) : fallback;
            return c.Weight * sigma;
        }).ToArray();
        double total = weights.Sum();
        for (int j = 0; j < derivatives.Count; j++)
            shots[derivatives[j]] = v.MinimumPerCircuit + (int)Math.Min(int.MaxValue - v.MinimumPerCircuit, Math.Floor(rest * (total > 0 ? weights[j] / total : 1.0 / weights.Length)));
    }
}
