using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;

namespace ExactGrad.Execution;

/// <summary>A gradient step's result, its number (for a retry) and what it cost.</summary>
public sealed record GradientStep(long Step, GradientResult Result, ExecutionReport Report);

/// <summary>
/// Runs the parameter-shift gradient of one expectation on a backend: every circuit of the plan is built,
/// identical circuits (the shared unshifted circuit, coinciding shifts) run once, and the step either
/// returns the whole gradient or throws <see cref="IncompleteGradientException"/>. The results of a failed
/// step stay cached under its step number, so calling again with that number runs only what is missing;
/// a new step draws fresh shots.
/// </summary>
public sealed class GradientExecutor
{
    private readonly CircuitExecutor _executor;
    private readonly ConcurrentDictionary<long, Dictionary<string, Estimate>> _pendingSteps = new();
    private readonly ConcurrentDictionary<(int Parameter, int Term), double> _sigma = new();
    private long _nextStep;

    public GradientExecutor(IQuantumBackend backend, ExecutionOptions? options = null) => _executor = new CircuitExecutor(backend, options);

    public CircuitExecutor Circuits => _executor;

    /// <summary>The next step number this executor would use: save it in a checkpoint to resume with the same samples.</summary>
    public long NextStep { get => Interlocked.Read(ref _nextStep); set => Interlocked.Exchange(ref _nextStep, value); }

    /// <summary>Takes the next step number (for calls that share one sample, such as a cost's measurements and its gradient).</summary>
    public long ReserveStep() => Interlocked.Increment(ref _nextStep) - 1;

    /// <param name="measureValue">
    /// False when the caller has measured the value already (a cost's chain rule measures each E_k): the
    /// unshifted circuit is then not run again (unless variance-aware allocation needs it as its pilot), and
    /// the result's value is NaN.
    /// </param>
    public async Task<GradientStep> GradientAsync(ShiftPlan plan, Observable observable, double[] theta, ShotAllocation shots, long? step = null,
        bool measureValue = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(shots);
        var circuit = plan.Circuit;
        circuit.CheckParameters(theta);
        long number = step ?? Interlocked.Increment(ref _nextStep) - 1;
        // Exact results do not depend on the sample number; shot results must be fresh in every step.
        long sample = shots is ExactAllocation ? 0 : number;
        var cache = _pendingSteps.GetOrAdd(number, _ => new Dictionary<string, Estimate>(StringComparer.Ordinal));

        using var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.gradient_step");
        var bound = circuit.Bind(theta);
        activity?.SetTag("exactgrad.circuit.hash", new CircuitRequest(bound, observable, 0).CircuitHash);
        activity?.SetTag("exactgrad.step", number);
        activity?.SetTag("exactgrad.parameters", circuit.ParameterCount);
        var clock = Stopwatch.StartNew();

        var terms = new List<(int Parameter, int Term, PlannedShift Shift)>();
        for (int k = 0; k < circuit.ParameterCount; k++)
        {
            var list = plan.ForParameter(k);
            for (int t = 0; t < list.Count; t++) terms.Add((k, t, list[t]));
        }
        var report = ExecutionReport.Empty;
        int valueShots, termShots = 0;
        int[]? perTerm = null;
        switch (shots)
        {
            case ExactAllocation: valueShots = 0; break;
            case UniformAllocation u:
                ArgumentOutOfRangeException.ThrowIfLessThan(u.ShotsPerCircuit, 1, nameof(shots));
                valueShots = termShots = u.ShotsPerCircuit;
                break;
            case VarianceAwareAllocation v:
                (valueShots, perTerm, report) = await AllocateAsync(v, bound, observable, terms, sample, cache, cancellationToken).ConfigureAwait(false);
                break;
            default: throw new ArgumentException($"Unknown shot allocation {shots}.", nameof(shots));
        }

        var valueRequest = new CircuitRequest(bound, observable, valueShots, sample) { Purpose = "value" };
        var requests = new List<CircuitRequest> { valueRequest };
        for (int i = 0; i < terms.Count; i++)
        {
            var s = terms[i].Shift;
            requests.Add(new CircuitRequest(bound.WithShift(s.OperationIndex, s.Slot, s.Shift), observable, perTerm?[i] ?? termShots, sample)
                { Purpose = "θ" + terms[i].Parameter.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        // The unshifted circuit runs when the value is wanted, or as the variance-aware pilot (then already cached).
        bool runValue = measureValue || shots is VarianceAwareAllocation;
        Estimate[] results;
        try
        {
            var (r, batch) = await _executor.RunAsync(runValue ? requests : requests.Skip(1).ToList(), cache, cancellationToken).ConfigureAwait(false);
            results = runValue ? r : r.Prepend(new Estimate(double.NaN, double.NaN)).ToArray();
            report += batch;
        }
        catch (BatchIncompleteException e)
        {
            ExactGradTelemetry.StepsIncomplete.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var missing = new HashSet<string>(e.MissingKeys, StringComparer.Ordinal);
            var parameters = terms.Select((t, i) => (t.Parameter, Key: requests[i + 1].Key)).Where(p => missing.Contains(p.Key)).Select(p => p.Parameter).Distinct().OrderBy(p => p).ToArray();
            throw new IncompleteGradientException(number, parameters, runValue && missing.Contains(valueRequest.Key), e.FailedJobs, e.InnerException);
        }

        var gradient = new double[circuit.ParameterCount];
        var variance = new double[circuit.ParameterCount];
        for (int i = 0; i < terms.Count; i++)
        {
            var (k, t, s) = terms[i];
            var e = results[i + 1];
            gradient[k] += s.Coefficient * e.Value;
            variance[k] += s.Coefficient * s.Coefficient * e.StandardError * e.StandardError;
            if (requests[i + 1].Shots > 0) _sigma[(k, t)] = e.StandardError * Math.Sqrt(requests[i + 1].Shots);
        }
        for (int k = 0; k < variance.Length; k++)
            ExactGradTelemetry.GradientVariance.Record(variance[k], new KeyValuePair<string, object?>("exactgrad.parameter", k));
        ExactGradTelemetry.StepDuration.Record(clock.Elapsed.TotalSeconds);
        ExactGradTelemetry.StepCost.Record(report.Cost);
        _pendingSteps.TryRemove(number, out _);
        var result = new GradientResult(results[0].Value, results[0].StandardError, gradient, variance.Select(Math.Sqrt).ToArray(), report.Submitted);
        return new GradientStep(number, result, report);
    }

    /// <summary>Runs the pilot (the unshifted circuit) and splits the rest: n_i ∝ |c_i|·σ_i, at least the minimum each.</summary>
    private async Task<(int ValueShots, int[] PerTerm, ExecutionReport Report)> AllocateAsync(VarianceAwareAllocation v, BoundCircuit bound, Observable observable,
        List<(int Parameter, int Term, PlannedShift Shift)> terms, long sample, Dictionary<string, Estimate> cache, CancellationToken ct)
    {
        long minimum = (long)v.MinimumPerCircuit * (terms.Count + 1);
        if (v.ShotsPerStep < minimum)
            throw new ArgumentOutOfRangeException(nameof(v), v.ShotsPerStep, $"{terms.Count + 1} circuits need at least {minimum} shots at {v.MinimumPerCircuit} each.");
        // The whole step is checked against the budget before the pilot runs (two jobs at least).
        _executor.CheckBudget(v.ShotsPerStep, _executor.Prices.Cost(v.ShotsPerStep, 2));
        int pilot = (int)Math.Max(v.MinimumPerCircuit, v.ShotsPerStep / (terms.Count + 1));
        var (pilotResult, report) = await _executor.RunAsync(new[] { new CircuitRequest(bound, observable, pilot, sample) }, cache, ct).ConfigureAwait(false);
        double pilotSigma = Math.Max(1e-3, pilotResult[0].StandardError * Math.Sqrt(pilot));
        var weights = terms.Select(t => Math.Abs(t.Shift.Coefficient) * (_sigma.TryGetValue((t.Parameter, t.Term), out var s) ? Math.Max(1e-3, s) : pilotSigma)).ToArray();
        long rest = v.ShotsPerStep - pilot - (long)v.MinimumPerCircuit * terms.Count;
        double total = weights.Sum();
        var perTerm = weights.Select(w => v.MinimumPerCircuit + (int)Math.Floor(rest * (total > 0 ? w / total : 1.0 / weights.Length))).ToArray();
        return (pilot, perTerm, report);
    }

    /// <summary>Drops results kept for failed steps (they are kept until the step is retried and succeeds).</summary>
    public void ForgetFailedSteps() => _pendingSteps.Clear();
}
