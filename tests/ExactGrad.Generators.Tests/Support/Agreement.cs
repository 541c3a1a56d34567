using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// Compares what the generated code says with what the user's own methods build and compute: the circuit of
/// each [Ansatz] (operation by operation, angles exactly) and the value of each [Cost] over it at fixed
/// points. Differences come back as text (none when everything agrees); what cannot be compared (the
/// method throws, so does the generated recording) is counted as skipped.
/// </summary>
internal static class Agreement
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    public sealed class Report
    {
        public List<string> Differences { get; } = new();
        public int Circuits { get; set; }
        public int Costs { get; set; }
        public int Skipped { get; set; }
    }

    public static Report Check(Assembly assembly)
    {
        var report = new Report();
        foreach (var declared in SafeTypes(assembly))
        {
            // A generic type is compared closed over int (or object where int breaks a constraint).
            var type = declared.ContainsGenericParameters ? Close(declared) : declared;
            if (type is null) { report.Skipped++; continue; }
            var methods = type.GetMethods(Static | BindingFlags.DeclaredOnly);
            foreach (var user in methods.Where(m => m.GetCustomAttribute<AnsatzAttribute>() is not null))
            {
                var property = type.GetProperty(user.Name + "Circuit", Static | BindingFlags.DeclaredOnly);
                if (property?.PropertyType != typeof(Circuit) && type.GetMethod(user.Name + "At", Static | BindingFlags.DeclaredOnly) is null) continue; // nothing generated
                if (methods.Count(m => m.Name == user.Name) != 1) { report.Skipped++; continue; }
                var costs = methods.Where(m => m.GetCustomAttribute<CostAttribute>()?.Ansatz == user.Name && m.ReturnType == typeof(double)).ToArray();
                try { Compare(type, user, costs, report); }
                catch (TargetInvocationException e) when (e.InnerException is TypeInitializationException or InsufficientExecutionStackException)
                {
                    report.Differences.Add($"{type.FullName}.{user.Name}: generated code throws {e.InnerException}");
                }
            }
        }
        return report;
    }

    private static Type? Close(Type open)
    {
        var arguments = open.GetGenericArguments();
        foreach (var candidate in new[] { typeof(int), typeof(object) })
        {
            try { return open.MakeGenericType(arguments.Select(_ => candidate).ToArray()); }
            catch (ArgumentException) { }
        }
        return null;
    }

    private static IEnumerable<Type> SafeTypes(Assembly a)
    {
        try { return a.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    private static void Compare(Type type, MethodInfo user, MethodInfo[] costs, Report report)
    {
        var parameters = user.GetParameters();
        bool derived = parameters.Length > 1 && parameters[1].ParameterType != typeof(Parameters);
        string where = $"{type.FullName}.{user.Name}";
        if (!derived)
        {
            Circuit generated;
            try { generated = (Circuit)type.GetProperty(user.Name + "Circuit", Static)!.GetValue(null)!; }
            catch (TargetInvocationException) { report.Skipped++; return; } // recording ran the user's method, which threw as it does when called
            var b = new CircuitBuilder(generated.QubitCount, generated.ParameterCount);
            if (!TryInvoke(user, parameters.Length == 1 ? new object[] { b } : new object[] { b, b.Parameters }, out var thrown))
            {
                report.Differences.Add($"{where}: a circuit is generated but the method throws {thrown}");
                return;
            }
            var recorded = b.Build();
            report.Circuits++;
            if (Difference(recorded, generated) is { } difference) { report.Differences.Add($"{where}: {difference}"); return; }
            foreach (var cost in costs) CompareCost(type, cost, recorded, Array.Empty<double>(), report);
            return;
        }
        // The double[] shape: the circuit the generated code gives at a point against the one the method builds there.
        int p = (int)type.GetField(user.Name + "ParameterCount", Static)!.GetValue(null)!;
        int inputs = parameters.Length == 3 ? (int)type.GetField(user.Name + "InputCount", Static)!.GetValue(null)! : 0;
        var theta = Enumerable.Range(0, p).Select(k => 0.3 + 0.37 * k).ToArray();
        var x = Enumerable.Range(0, inputs).Select(k => -0.2 + 0.29 * k).ToArray();
        var at = type.GetMethod(user.Name + "At", Static)!;
        ExactGrad.Differentiation.DerivedCircuit point;
        try
        {
            point = parameters.Length == 3
                ? at.CreateDelegate<Func<ReadOnlySpan<double>, ReadOnlySpan<double>, ExactGrad.Differentiation.DerivedCircuit>>()(theta, x)
                : at.CreateDelegate<Func<ReadOnlySpan<double>, ExactGrad.Differentiation.DerivedCircuit>>()(theta);
        }
        catch (Exception e) when (e is not TypeInitializationException) { report.Skipped++; return; } // the recording ran the method, which threw
        var built = new CircuitBuilder(point.Circuit.QubitCount, 0);
        object[] args = parameters.Length == 3 ? new object[] { built, theta, x } : new object[] { built, theta };
        if (parameters[1].ParameterType != typeof(double[])) { report.Skipped++; return; } // ReadOnlySpan: not invocable by reflection
        if (!TryInvoke(user, args, out var failure)) { report.Differences.Add($"{where}: a circuit is generated but the method throws {failure}"); return; }
        var recordedAtPoint = Bound(built.Build());
        var generatedAtPoint = Bound(point.Circuit, point.Angles);
        report.Circuits++;
        if (recordedAtPoint.Count != generatedAtPoint.Count) { report.Differences.Add($"{where}: {generatedAtPoint.Count} operations generated, {recordedAtPoint.Count} built"); return; }
        for (int i = 0; i < recordedAtPoint.Count; i++)
            if (!Same(recordedAtPoint[i], generatedAtPoint[i])) { report.Differences.Add($"{where}: operation {i}: generated {generatedAtPoint[i]}, built {recordedAtPoint[i]}"); return; }
    }

    private static void CompareCost(Type type, MethodInfo cost, Circuit recorded, double[] extra, Report report)
    {
        var generated = type.GetMethods(Static).FirstOrDefault(m => m.Name == cost.Name && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(ReadOnlySpan<double>));
        if (generated is null || cost.GetParameters().Length != 1 || cost.GetParameters()[0].ParameterType != typeof(Measurements)) return;
        foreach (var seed in new[] { 0.3, -1.1 })
        {
            var theta = Enumerable.Range(0, recorded.ParameterCount).Select(k => seed + 0.41 * k).ToArray();
            Measurements measured;
            try { measured = Measurements.Of(StateVector.Run(recorded.Bind(theta))); }
            catch (InsufficientMemoryException) { report.Skipped++; return; } // a register too large to simulate: neither side can be run
            double expected;
            try { expected = (double)cost.Invoke(null, new object[] { measured })!; }
            catch (TargetInvocationException) { report.Skipped++; return; } // overlaps and other quantities the plain state cannot give
            double actual = InvokeGeneratedCost(type, cost.Name, theta);
            report.Costs++;
            if (!Close(expected, actual)) { report.Differences.Add($"{type.FullName}.{cost.Name}: generated value {actual:R}, the method computes {expected:R}"); return; }
        }
    }

    /// <summary>The generated value method on the exact simulator, through a delegate (it takes a span).</summary>
    private static double InvokeGeneratedCost(Type type, string name, double[] theta)
    {
        var method = type.GetMethods(Static).First(m => m.Name == name && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<double>));
        var f = method.CreateDelegate<Func<ReadOnlySpan<double>, ExactGrad.Differentiation.IExpectationEstimator?, double>>();
        return f(theta, null);
    }

    private static bool Close(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= 1e-10 * (1 + Math.Abs(a));

    private static bool TryInvoke(MethodInfo m, object[] args, out string? failure)
    {
        try { m.Invoke(null, args); failure = null; return true; }
        catch (TargetInvocationException e) { failure = $"{e.InnerException?.GetType().Name}: {e.InnerException?.Message}"; return false; }
    }

    private sealed record BoundOperation(string Gate, int[] Qubits, double[] Angles)
    {
        public override string ToString() => $"{Gate}({string.Join(", ", Angles.Select(a => a.ToString("R")))}) on {string.Join(",", Qubits)}";
    }

    private static List<BoundOperation> Bound(Circuit c, double[]? values = null) =>
        c.Operations.Select(o => new BoundOperation(o.Gate.Name, o.Qubits.ToArray(), o.Angles.Select(a => values is null ? a.Evaluate(default) : a.Evaluate(values)).ToArray())).ToList();

    private static bool Same(BoundOperation a, BoundOperation b) =>
        a.Gate == b.Gate && a.Qubits.SequenceEqual(b.Qubits) && a.Angles.Length == b.Angles.Length && a.Angles.Zip(b.Angles).All(p => Close(p.First, p.Second));

    /// <summary>Null when both circuits have the same qubits, parameters and operations (gate, qubits, angles exactly).</summary>
    public static string? Difference(Circuit expected, Circuit actual)
    {
        if (expected.QubitCount != actual.QubitCount || expected.ParameterCount != actual.ParameterCount)
            return $"{actual.QubitCount} qubits and {actual.ParameterCount} parameters generated, {expected.QubitCount} and {expected.ParameterCount} built";
        if (expected.Operations.Count != actual.Operations.Count)
            return $"{actual.Operations.Count} operations generated, {expected.Operations.Count} built";
        for (int i = 0; i < expected.Operations.Count; i++)
        {
            var e = expected.Operations[i];
            var a = actual.Operations[i];
            if (e.Gate.Name != a.Gate.Name || !e.Qubits.SequenceEqual(a.Qubits) || !e.Angles.SequenceEqual(a.Angles))
                return $"operation {i}: generated {a}, built {e}";
        }
        return null;
    }
}
