using System.Collections;
using System.Linq;
using System.Reflection;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ExactGrad.Generators.Tests;

public class IncrementalTests
{
    private const string Source = """
        using ExactGrad; using ExactGrad.Circuits;
        public static partial class A
        {
            [Ansatz(Qubits = 2)]
            static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
        }
        """;

    /// <summary>An ansatz and a cost over it.</summary>
    private const string WithCost = """
        using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class A
        {
            [Ansatz(Qubits = 2)]
            static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) => m.Expect("ZZ");
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compile(Source);
        return (GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation), compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.AnsatzModels]
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IncrementalStepRunReason[] OutputReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>The outputs that add generated files (not the reporting branch's), one per file.</summary>
    private static IncrementalStepRunReason[] SourceOutputReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(s => s.Inputs.Any(i => i.Source.Name is TrackingNames.AnsatzSources or TrackingNames.CostSources))
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public void SecondRunOnTheSameCompilationIsAllCached()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(compilation.Clone());
        Assert.All(Reasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void UnrelatedEditLeavesTheModelUnchangedAndTheOutputCached()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions)));
        Assert.All(Reasons(driver), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void EditInsideTheAnnotatedMethodRegeneratesIt()
    {
        var (driver, compilation) = FirstRun();
        var old = compilation.SyntaxTrees.Single();
        var edited = CSharpSyntaxTree.ParseText(Source.Replace("CNOT(0, 1)", "CZ(0, 1)"), GeneratorHarness.ParseOptions, path: old.FilePath);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver));
    }

    [Fact]
    public void EditInOneAnnotatedTypeRegeneratesOnlyThatType()
    {
        string other = Source.Replace("class A", "class B");
        var compilation = GeneratorHarness.Compile(Source, other);
        var driver = GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.First();
        var edited = CSharpSyntaxTree.ParseText(Source.Replace("CNOT(0, 1)", "CZ(0, 1)"), GeneratorHarness.ParseOptions, path: old.FilePath);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));
        var outputs = SourceOutputReasons(driver);
        Assert.Equal(2, outputs.Length);
        Assert.Single(outputs, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(outputs, r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void DerivedAngleModelsAndCostModelsCompareByValueSoAnUnrelatedEditHitsTheCache()
    {
        const string derived = """
            using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class D
            {
                [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
                static void Circuit(CircuitBuilder c, double[] theta, double[] x) => c.RY(Math.Sin(theta[0]) * x[0], 0).CRZ(theta[0] * theta[1], 0, 1);
                [Cost(nameof(Circuit))]
                static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0 Z1") - label, 2);
            }
            """;
        var compilation = GeneratorHarness.Compile(derived);
        var driver = GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions)));
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in new[] { TrackingNames.AnsatzModels, TrackingNames.CostModels })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
            foreach (var o in outputs) AssertPlainValue(o.Value, depth: 0);
        }
        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void EditToOneTypesAnsatzLeavesOtherTypesCostOutputsCached()
    {
        var compilation = GeneratorHarness.Compile(WithCost, WithCost.Replace("class A", "class B"));
        var driver = GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.First();
        // A gains a gate: its circuit and its cost's count change; B's outputs must not be touched.
        var edited = CSharpSyntaxTree.ParseText(WithCost.Replace("CNOT(0, 1)", "CNOT(0, 1).RX(theta[0], 1)"), GeneratorHarness.ParseOptions, path: old.FilePath);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));
        var outputs = SourceOutputReasons(driver);
        Assert.Equal(4, outputs.Length);
        Assert.Equal(2, outputs.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, outputs.Count(r => r == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void EditInAnotherFileWhileADiagnosticIsReportedLeavesEveryOutputCachedAndKeepsTheDiagnostic()
    {
        // WithCost plus an [Ansatz] Other whose generated OtherCircuit collides with a user field: EXG0002.
        string withCollision = WithCost.TrimEnd().TrimEnd('}') + """
                static readonly int OtherCircuit = 1;
                [Ansatz(Qubits = 1)]
                static void Other(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 0);
            }
            """;
        var compilation = GeneratorHarness.Compile(withCollision);
        var driver = GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single().Diagnostics;
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs")));

        var result = driver.GetRunResult().Results.Single();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("EXG0002", d.Id);
        Assert.Equal(Assert.Single(first), d);
        Assert.Equal("Other", withCollision.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        var sources = SourceOutputReasons(driver);
        Assert.Equal(2, sources.Length);   // Circuit's and Energy's files
        Assert.All(sources, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        foreach (var step in new[] { TrackingNames.AnsatzReads, TrackingNames.AnsatzModels, TrackingNames.CostModels })
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
    }

    [Fact]
    public void MovingAnAnnotatedMethodInItsFileReportsTheDiagnosticAtTheNewPlaceAndRegeneratesNothing()
    {
        const string withCollision = """
            using ExactGrad; using ExactGrad.Circuits;
            public static partial class A
            {
                [Ansatz(Qubits = 2)]
                static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
                static readonly int OtherCircuit = 1;
                [Ansatz(Qubits = 1)]
                static void Other(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 0);
            }
            """;
        var compilation = GeneratorHarness.Compile(withCollision);
        var driver = GeneratorHarness.CreateDriver(track: true).RunGenerators(compilation);
        var old = compilation.SyntaxTrees.Single();
        string moved = withCollision.Replace("public static partial class A", "// a comment that moves every method down a line\npublic static partial class A");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(moved, GeneratorHarness.ParseOptions, path: old.FilePath)));

        var d = Assert.Single(driver.GetRunResult().Results.Single().Diagnostics);
        Assert.Equal("Other", moved.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(SourceOutputReasons(driver)));
    }

    [Fact]
    public void PipelineModelsHoldNoSymbolsSyntaxOrCompilation()
    {
        var (driver, _) = FirstRun();
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (var output in new[] { TrackingNames.AnsatzModels, TrackingNames.AnsatzSources }.SelectMany(n => steps[n]).SelectMany(s => s.Outputs))
            AssertPlainValue(output.Value, depth: 0);
    }

    private static void AssertPlainValue(object? value, int depth)
    {
        if (value is null || depth > 24 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SemanticModel or Location, $"pipeline holds a {value.GetType()}");
        if (value is IEnumerable items) { foreach (var item in items) AssertPlainValue(item, depth + 1); return; }
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertPlainValue(p.GetValue(value), depth + 1);
    }
}
