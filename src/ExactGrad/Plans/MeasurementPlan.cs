using System;
using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Plans;

/// <summary>
/// A computation from measurements: the circuits it needs now (<see cref="Circuits"/>), a pure step that
/// turns their estimates into the result or into the next stage (a cost's gradient circuits depend on
/// ∂f/∂q at the measured point), and an upper bound on the circuits of the stages still to come, so a
/// runner can check a whole call's budget before it submits anything. Every gradient method builds one
/// (shift rules, the π-shift operator rule on Hadamard tests, Hilbert-Schmidt tests, the cost chain rule,
/// data-set means, finite differences, SPSA); <see cref="PlanRunner"/> runs it over an estimator and
/// <c>GradientExecutor.RunAsync</c> over a backend, so every guarantee of a runner holds for every method.
/// A plan may also carry an exact evaluation (adjoint differentiation on the state vector) that a runner
/// uses instead of the circuits when its target is an exact state-vector simulator.
/// </summary>
/// <typeparam name="T">What the plan computes: a <see cref="Differentiation.GradientResult"/>, a value, measured estimates.</typeparam>
public sealed class MeasurementPlan<T>
{
    private readonly Func<PlanResults, MeasurementPlan<T>>? _continue;
    private readonly Func<bool, MeasurementPlan<T>>? _resolve;
    private readonly T _result = default!;

    internal MeasurementPlan(string method, IReadOnlyList<PlannedCircuit> circuits, int laterCircuits,
        Func<PlanResults, MeasurementPlan<T>> next, Func<bool, MeasurementPlan<T>>? resolve)
    {
        Method = method;
        Circuits = circuits;
        LaterCircuits = laterCircuits;
        _continue = next;
        _resolve = resolve;
    }

    internal MeasurementPlan(string method, T result)
    {
        Method = method;
        Circuits = Array.Empty<PlannedCircuit>();
        _result = result;
        IsDone = true;
    }

    /// <summary>How the plan differentiates: "parameter-shift", "adjoint", "hadamard-test", … (joined with " + " when mixed).</summary>
    public string Method { get; }

    /// <summary>The circuits of the current stage.</summary>
    public IReadOnlyList<PlannedCircuit> Circuits { get; }

    /// <summary>At most this many circuits in the stages after this one.</summary>
    public int LaterCircuits { get; }

    /// <summary>At most this many circuits in the whole plan from here on.</summary>
    public int TotalCircuits => Circuits.Count + LaterCircuits;

    /// <summary>True when nothing is left to measure.</summary>
    public bool IsDone { get; }

    /// <summary>The result of a finished plan.</summary>
    public T Result => IsDone ? _result : throw new InvalidOperationException("The plan has circuits left to measure; run it with a runner.");

    /// <summary>The plan after this stage, from the stage's estimates (in the order of <see cref="Circuits"/>).</summary>
    public MeasurementPlan<T> Continue(PlanResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (IsDone) return this;
        if (results.Count != Circuits.Count)
            throw new ArgumentException($"The stage has {Circuits.Count} circuit(s) but {results.Count} estimate(s) were given.", nameof(results));
        var next = _continue!(results);
        if (next.TotalCircuits > LaterCircuits)
            throw new InvalidOperationException($"The {Method} plan announced at most {LaterCircuits} further circuit(s) but its next stage has {next.TotalCircuits}.");
        return next;
    }

    /// <summary>
    /// The plan as a runner runs it: with <paramref name="adjoint"/> true (the target is an exact state-vector
    /// simulator) every part that has an exact evaluation is evaluated now instead of measured.
    /// </summary>
    public MeasurementPlan<T> Resolve(bool adjoint) => _resolve is null ? this : _resolve(adjoint);

    /// <summary>True when some part of the current stage has an exact (adjoint) evaluation.</summary>
    internal bool HasAdjoint => _resolve is not null;

    /// <summary>The result mapped by <paramref name="map"/> (a pure function of the result).</summary>
    public MeasurementPlan<TOut> Select<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsDone) return new MeasurementPlan<TOut>(Method, map(_result));
        return new MeasurementPlan<TOut>(Method, Circuits, LaterCircuits, r => Continue(r).Select(map),
            _resolve is null ? null : adjoint => Resolve(adjoint).Select(map));
    }

    /// <summary>The same plan under another method name (a finite difference made of value plans is a finite difference).</summary>
    public MeasurementPlan<T> Named(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (IsDone) return new MeasurementPlan<T>(method, _result);
        return new MeasurementPlan<T>(method, Circuits, LaterCircuits, Continue, _resolve is null ? null : adjoint => Resolve(adjoint).Named(method));
    }

    /// <summary>
    /// A dependent stage: when this plan's result is known, <paramref name="next"/> builds the plan that
    /// continues from it, with at most <paramref name="nextCircuits"/> circuits (announced now for budgets).
    /// </summary>
    public MeasurementPlan<TOut> Then<TOut>(Func<T, MeasurementPlan<TOut>> next, int nextCircuits, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfNegative(nextCircuits);
        string name = method ?? Method;
        if (IsDone)
        {
            var plan = next(_result);
            if (plan.TotalCircuits > nextCircuits)
                throw new InvalidOperationException($"The {name} plan announced at most {nextCircuits} circuit(s) for its next stage but it has {plan.TotalCircuits}.");
            return plan;
        }
        return new MeasurementPlan<TOut>(name, Circuits, LaterCircuits + nextCircuits, r => Continue(r).Then(next, nextCircuits, name),
            _resolve is null ? null : adjoint => Resolve(adjoint).Then(next, nextCircuits, name));
    }

    /// <summary>
    /// The same plan with every circuit feeding <paramref name="parameters"/> (a finite difference along
    /// θ_k measures values that feed only ∂/∂θ_k), so a failure names them and shots split over them.
    /// </summary>
    public MeasurementPlan<T> Feeding(IReadOnlyList<int> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (IsDone) return this;
        var circuits = Circuits.Select(c => c.WithParameters(parameters)).ToArray();
        return new MeasurementPlan<T>(Method, circuits, LaterCircuits, r => Continue(r).Feeding(parameters),
            _resolve is null ? null : adjoint => Resolve(adjoint).Feeding(parameters));
    }

    /// <summary>
    /// The same plan with an exact evaluation of its whole result (adjoint differentiation on the state
    /// vector), used instead of every stage when the runner's target is an exact state-vector simulator.
    /// </summary>
    public MeasurementPlan<T> WithAdjoint(Func<T> adjoint)
    {
        ArgumentNullException.ThrowIfNull(adjoint);
        if (IsDone) return this;
        return new MeasurementPlan<T>(Method, Circuits, LaterCircuits, Continue, exact => exact ? MeasurementPlan.Done(adjoint(), "adjoint") : Resolve(false));
    }

    /// <summary>
    /// The same plan with every circuit's parameters mapped (a gradient over gate angles carried to the
    /// trainable parameters: each angle to the parameters it depends on), so a failure names the right ones.
    /// </summary>
    public MeasurementPlan<T> WithParameters(Func<int, IReadOnlyList<int>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsDone) return this;
        var circuits = Circuits.Select(c => c.WithParameters(c.Parameters.SelectMany(map).Distinct().OrderBy(p => p).ToArray())).ToArray();
        return new MeasurementPlan<T>(Method, circuits, LaterCircuits, r => Continue(r).WithParameters(map),
            _resolve is null ? null : adjoint => Resolve(adjoint).WithParameters(map));
    }
}

/// <summary>Builds and composes <see cref="MeasurementPlan{T}"/>s.</summary>
public static class MeasurementPlan
{
    /// <summary>A plan that needs nothing measured.</summary>
    public static MeasurementPlan<T> Done<T>(T result, string method = "none") => new(method, result);

    /// <summary>
    /// One stage: measure <paramref name="circuits"/>, then <paramref name="combine"/> their estimates.
    /// <paramref name="adjoint"/>, when given, computes the same result exactly on the state vector; a
    /// runner whose target is an exact state-vector simulator calls it instead of measuring.
    /// </summary>
    public static MeasurementPlan<T> Measure<T>(string method, IReadOnlyList<PlannedCircuit> circuits, Func<PlanResults, T> combine, Func<T>? adjoint = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(circuits);
        ArgumentNullException.ThrowIfNull(combine);
        var stage = circuits.ToArray();
        if (Array.IndexOf(stage, null) >= 0) throw new ArgumentException("A plan's circuits cannot be null.", nameof(circuits));
        MeasurementPlan<T>? plan = null;
        plan = new MeasurementPlan<T>(method, stage, 0, r => Done(combine(r), method),
            adjoint is null ? null : exact => exact ? Done(adjoint(), "adjoint") : plan!);
        return plan;
    }

    /// <summary>Two plans at once (one batch per stage), their results paired.</summary>
    public static MeasurementPlan<(TFirst First, TSecond Second)> Both<TFirst, TSecond>(MeasurementPlan<TFirst> first, MeasurementPlan<TSecond> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return All(new[] { first.Select(f => (object?)f), second.Select(s => (object?)s) }).Select(r => ((TFirst)r[0]!, (TSecond)r[1]!));
    }

    /// <summary>
    /// Every plan at once: each stage measures the current circuits of all of them together (one batch),
    /// and the result lists their results in order.
    /// </summary>
    public static MeasurementPlan<T[]> All<T>(IReadOnlyList<MeasurementPlan<T>> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var parts = plans.ToArray();
        if (Array.IndexOf(parts, null) >= 0) throw new ArgumentException("A plan cannot be null.", nameof(plans));
        string method = string.Join(" + ", parts.Where(p => p.Method != "none").Select(p => p.Method).Distinct());
        if (method.Length == 0) method = "none";
        if (parts.All(p => p.IsDone)) return Done(parts.Select(p => p.Result).ToArray(), method);
        var circuits = parts.SelectMany(p => p.Circuits).ToArray();
        int later = parts.Sum(p => p.LaterCircuits);
        return new MeasurementPlan<T[]>(method, circuits, later, results =>
        {
            var next = new MeasurementPlan<T>[parts.Length];
            int offset = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                int n = parts[i].Circuits.Count;
                next[i] = parts[i].Continue(results.Slice(offset, n));
                offset += n;
            }
            return All(next);
        }, parts.Any(p => p.HasAdjoint) ? adjoint => All(parts.Select(p => p.Resolve(adjoint)).ToArray()) : null);
    }
}
