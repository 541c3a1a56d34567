using System.Collections.Generic;
using System.Linq;
using ExactGrad.Generators.Parsing;

namespace ExactGrad.Generators.Model;

/// <summary>Circuit executions a gradient needs, counted at compile time from a statically read circuit.</summary>
internal static class CircuitCounts
{
    /// <summary>Whether an angle gets shifted circuits: it depends on a trained parameter (not only on data).</summary>
    public static bool IsTrained(AngleModel a, int parameters) =>
        a.Parameter >= 0 && a.Scale != 0 &&
        (a.Expression is not { } e || !e.Nodes().OfType<Variable>().Select(v => v.Index).Where(k => k < parameters).Distinct().All(e.IsIndependentOf));

    /// <summary>Whether an angle of the double[] shape depends on data input x[i].</summary>
    public static bool DependsOnInput(AngleModel a, int i) =>
        a.Expression is { } e && e.Nodes().OfType<Symbol>().Any(s => s.Name == "x" && s.Index == i) && !(e.DerivativeBySymbol("x", i) is Const { Value: 0 });

    /// <summary>Whether an angle gets shifted circuits in a gradient over θ and the data inputs: it depends on θ or on x.</summary>
    public static bool IsDifferentiated(AngleModel a, int parameters, int inputs) =>
        IsTrained(a, parameters) || (a.Parameter >= 0 && Enumerable.Range(0, inputs).Any(i => DependsOnInput(a, i)));

    /// <summary>
    /// Shifted circuits of the parameter-shift plan: each trained angle's rule terms, of the gates in
    /// <paramref name="relevant"/> (the light cone of the observables measured; null: every gate).
    /// </summary>
    public static int ShiftedCircuits(CircuitModel m, bool[]? relevant = null) =>
        m.Gates.Select((g, op) => relevant is null || relevant[op]
            ? g.Angles.Select((a, slot) => IsTrained(a, m.Parameters) ? g.Fact.Angles[slot].Rule.Evaluations : 0).Sum()
            : 0).Sum();

    /// <summary>Per gate, whether it lies in the backward light cone of observables on <paramref name="support"/> (the runtime's rule, ExactGrad.Circuits.LightCone).</summary>
    public static bool[] Relevant(CircuitModel m, IEnumerable<int> support) =>
        ExactGrad.Circuits.LightCone.Relevant(m.Gates.Select(g => (IReadOnlyList<int>)g.Qubits.Items).ToArray(), support);

    /// <summary>
    /// The qubits the cost's expectations measure (the non-identity letters of their terms), or null when one
    /// observable is not known at compile time (held in a member, passed in) or its text is not read here exactly:
    /// the light cone is then found at run time. The text is read by the runtime's own term rule (ObservableText);
    /// a label written twice is left to run time, as like terms could cancel and leave fewer qubits measured.
    /// </summary>
    public static IReadOnlyList<int>? ExpectationSupport(CostModel cost)
    {
        var support = new SortedSet<int>();
        foreach (var q in cost.Quantities.Where(q => q.Kind == QuantityModel.Expectation))
        {
            // A projector onto a basis outcome measures every qubit; a square acts within its observable's support.
            if (q.Readout == QuantityModel.Projector) { support.UnionWith(Enumerable.Range(0, q.Text.Length)); continue; }
            if (q.Member || q.Argument || Terms(q.Text) is not { } terms) return null;
            foreach (var label in terms) support.UnionWith(label.Support);
        }
        return support.ToList();
    }

    /// <summary>The labels of an observable's terms with non-zero coefficients, or null when the text is not read exactly here.</summary>
    private static List<PauliLabel>? Terms(string text)
    {
        List<ExactGrad.Observables.ObservableTextTerm> read;
        try { read = ExactGrad.Observables.ObservableText.Read(text); }
        catch (System.FormatException) { return null; } // refused at run time, with the runtime's message
        catch (System.OverflowException) { return null; }
        var labels = new List<PauliLabel>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var term in read)
        {
            if (PauliLabel.Parse(term.Label) is not { } label) return null;
            if (label.Support.Count == 0) continue; // the identity measures no qubit, whatever its coefficient
            if (!seen.Add(label.Canonical)) return null;
            if (term.Coefficient != 0) labels.Add(label);
        }
        return labels;
    }

    /// <summary>
    /// The trained parameters θ[k] of a statically read ansatz that no gate in the light cone of the cost's
    /// expectation observables depends on: their derivative is exactly 0 and they get no circuits. Empty when
    /// the cost measures anything else (overlaps are not pruned) or an observable is known only at run time.
    /// </summary>
    public static IReadOnlyList<int> PrunedParameters(CircuitModel? ansatz, CostModel cost)
    {
        if (ansatz is null || !ansatz.IsStatic || !cost.ExpectationsOnly || ExpectationSupport(cost) is not { } support) return new int[0];
        var relevant = Relevant(ansatz, support);
        var used = new bool[ansatz.Parameters];
        var kept = new bool[ansatz.Parameters];
        for (int op = 0; op < ansatz.Gates.Count; op++)
            foreach (var a in ansatz.Gates[op].Angles.Where(a => IsTrained(a, ansatz.Parameters)))
                for (int k = 0; k < ansatz.Parameters; k++)
                    if (DependsOn(a, k, ansatz))
                    {
                        used[k] = true;
                        kept[k] |= relevant[op];
                    }
        return Enumerable.Range(0, ansatz.Parameters).Where(k => used[k] && !kept[k]).ToList();
    }

    /// <summary>Whether a trained angle depends on θ[k]: it is a·θ[k]+b, or (double[] shape) its expression varies with θ[k].</summary>
    private static bool DependsOn(AngleModel a, int k, CircuitModel m) =>
        m.Shape.Derived
            ? a.Expression is { } e && e.Nodes().OfType<Variable>().Any(v => v.Index == k) && !e.IsIndependentOf(k)
            : a.Parameter == k;

    /// <summary>Terms of the operator rule ∂U = ½U(θ + π): one per trained angle occurrence.</summary>
    public static int OperatorShiftTerms(CircuitModel m) => m.Gates.Sum(g => g.Angles.Count(a => IsTrained(a, m.Parameters)));

    /// <summary>
    /// Circuits one cost gradient runs, when its ansatz was read at compile time: each observable once and the
    /// shifted circuits of one effective-observable gradient, of the gates in the observables' light cone; per
    /// overlap target and part used, the Hadamard tests over the 2^n basis states for the value and for each
    /// operator-shift term; per Hilbert-Schmidt quantity, one circuit for the value and the ansatz's shifted
    /// circuits (the test measures every qubit: nothing is pruned). Null when the ansatz is read at run time or an
    /// expectation's observable is not a Pauli label known at compile time (<see cref="CountedAtRunTime"/>), as when the
    /// cost takes its observables as parameters.
    /// </summary>
    public static int? CostGradient(CircuitModel? ansatz, CostModel cost)
    {
        // Observables passed per call: the count is asked for with them, at run time.
        if (ansatz is null || !ansatz.IsStatic || cost.HasObservableArguments) return null;
        int observables = cost.Quantities.Count(q => q.Kind == QuantityModel.Expectation);
        int count = 0;
        if (observables > 0)
        {
            if (ExpectationSupport(cost) is not { } support) return null;
            count = observables + ShiftedCircuits(ansatz, Relevant(ansatz, support));
        }
        foreach (var target in cost.Quantities.Where(q => q.Kind != QuantityModel.Expectation).GroupBy(q => q.Text))
        {
            int parts = target.Count(q => q.Kind is "OverlapReal" or "OverlapImaginary");
            // 2^n basis states: counted in long, and no count at all past int (the constant would be wrong).
            if (parts > 0 && ansatz.Qubits >= 31) return null;
            long tests = parts * (1L << ansatz.Qubits) * (1L + OperatorShiftTerms(ansatz));
            if (tests > int.MaxValue - (long)count) return null;
            count += (int)tests;
            if (target.Any(q => q.Kind == "HilbertSchmidt")) count += 1 + ShiftedCircuits(ansatz);
        }
        return count;
    }

    /// <summary>
    /// Whether a statically read ansatz's cost is counted at run time, at first use: an expectation's observable is
    /// not a Pauli label known at compile time, so its light cone (and the pruned count) is known only then.
    /// </summary>
    public static bool CountedAtRunTime(CircuitModel? ansatz, CostModel cost) =>
        ansatz is { IsStatic: true } && cost.Quantities.Any(q => q.Kind == QuantityModel.Expectation) && ExpectationSupport(cost) is null;

    /// <summary>Whether the ansatz and every overlap target of <paramref name="cost"/> have models (so their generated members exist).</summary>
    public static bool HasCircuits(System.Collections.Immutable.ImmutableArray<CircuitModel?> circuits, CostModel cost) =>
        circuits.Any(a => a is not null && IsAnsatzOf(a, cost)) &&
        cost.Quantities.Where(q => q.Kind != QuantityModel.Expectation).All(q => circuits.Any(a => a is not null && a.MethodName == q.Text && a.Namespace == cost.Namespace && a.ContainingTypes.Equals(cost.ContainingTypes)));

    /// <summary>Whether <paramref name="ansatz"/> is the [Ansatz] method <paramref name="cost"/> names (same type, same name).</summary>
    public static bool IsAnsatzOf(CircuitModel ansatz, CostModel cost) =>
        ansatz.MethodName == cost.AnsatzMethod && ansatz.Namespace == cost.Namespace && ansatz.ContainingTypes.Equals(cost.ContainingTypes);
}
