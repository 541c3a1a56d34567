using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Minimal inputs that once made the generator throw (every generated file lost, CS8785), emit code that
/// does not compile, or run out of time or memory. Each must now generate without an exception, within a
/// few seconds, with output that compiles wherever the input does, and with hint names of plain characters.
/// </summary>
[Collection(nameof(GeneratorHooks))]
public class CrashRegressionTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";

    private sealed record Outcome(IReadOnlyList<Diagnostic> Generator, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> HintNames, IReadOnlyList<string> Sources, Compilation Output);

    private static Outcome Generate(string source)
    {
        var compilation = GeneratorHarness.Compile(Usings + source);
        var stopwatch = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        // A hang guard, not a speed check (speed is measured in the benchmarks): unbounded reading would take
        // minutes, bounded reading takes 1-3 s on a quiet machine and up to 20 s on a loaded shared one.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"generation took {stopwatch.Elapsed}");
        var before = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToHashSet();
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !before.Contains(d.ToString())).ToList();
        foreach (var hint in result.GeneratedSources.Select(s => s.HintName)) Assert.Matches("^[A-Za-z0-9_.]+\\.g\\.cs$", hint);
        return new Outcome(diagnostics, errors, result.GeneratedSources.Select(s => s.HintName).ToList(), result.GeneratedSources.Select(s => s.SourceText.ToString()).ToList(), output);
    }

    private static void AssertCompilesAndAgrees(Outcome o)
    {
        Assert.True(o.Errors.Count == 0, string.Join(Environment.NewLine, o.Errors));
        var report = Agreement.Check(GeneratorHarness.Load(o.Output));
        Assert.Empty(report.Differences);
    }

    private const string Overloads = """
        public static partial class A
        {
            [Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
            [Ansatz(Qubits = 2)] static void {|#0:Circuit|}(CircuitBuilder c, double[] theta) { c.RY(theta[0], 0).CNOT(0, 1); }
        }
        """;

    [Fact]
    public Task OverloadedAnsatzOfOneNameIsReportedOnTheSecondDeclaration() =>
        GeneratorTest.VerifyDiagnosticsAsync(Usings + Overloads,
            GeneratorTest.Expect(GeneratorDiagnostics.MemberCollision, 0, "'Circuit' gets no generated members: 'Circuit' earlier in 'A' generates the same members"));

    [Fact]
    public void OverloadedAnsatzOfOneNameKeepsTheFirst()
    {
        var o = Generate(GeneratorTest.WithoutMarkup(Overloads));
        Assert.Equal(GeneratorDiagnostics.MemberCollisionId, Assert.Single(o.Generator).Id);
        Assert.Single(o.Sources);
        AssertCompilesAndAgrees(o);
    }

    [Fact]
    public void IdenticalDuplicatesWhileTypingDoNotThrow()
    {
        var o = Generate("""
            public static partial class A
            {
                [Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
                [Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0).CNOT(0, 1); }
                [Cost(nameof(Circuit))] static double E(Measurements m) => m.Expect("Z0");
                [Cost(nameof(Circuit))] static double E(Measurements m) => m.Expect("Z0");
            }
            """);
        Assert.Equal(new[] { "EXG0002", "EXG0002" }, o.Generator.Select(d => d.Id));
        Assert.Equal(2, o.Sources.Count);
        Assert.True(o.Errors.Count == 0, string.Join(Environment.NewLine, o.Errors));
    }

    [Fact]
    public void AnAnsatzAndACostOfOneNameAndNamesDifferingOnlyInCaseGetDistinctHintNames()
    {
        var o = Generate("""
            public static partial class A
            {
                [Ansatz(Qubits = 1, Parameters = 1)] static void Energy(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Energy))] static double Energy(Measurements m) => m.Expect("Z0");
                [Ansatz(Qubits = 1, Parameters = 1)] static void circuit(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 0);
                [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
            }
            """);
        Assert.Empty(o.Generator);
        Assert.Equal(4, o.HintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        AssertCompilesAndAgrees(o);
    }

    [Fact]
    public void KeywordIdentifiersAreEscapedInEmittedCodeAndLeftOutOfHintNames()
    {
        var o = Generate("""
            namespace @if.@class
            {
                public static partial class @class
                {
                    [Ansatz(Qubits = 1, Parameters = 1)] static void @double(CircuitBuilder c, Parameters theta) { for (int i = 0; i < Depth; i++) c.RY(theta[0], 0); }
                    public static int Depth = 2;
                    [Cost(nameof(@double))] static double @return(Measurements m, double @in) => m.Expect("Z0") - @in;
                    [Ansatz(Qubits = 1, Parameters = 1)] static void @int(CircuitBuilder c, double[] @theta, double[] @base) => c.RY(@theta[0] * @base[0], 0);
                    [Cost(nameof(@int))] static double @for(Measurements m, double @out) => m.Expect("Z0") * @out;
                }
            }
            """);
        Assert.Empty(o.Generator);
        Assert.Equal(4, o.Sources.Count);
        Assert.DoesNotContain(o.HintNames, h => h.Contains('@'));
        AssertCompilesAndAgrees(o);
    }

    [Fact]
    public void GenericContainingTypesAreEmittedWithTheirTypeParametersWithoutTrivia()
    {
        var o = Generate("""
            public partial class Outer<T /* comment */, [System.Obsolete]	U> where T : struct
            {
                public partial class Inner<in_, V> where V : class, new()
                {
                    [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                    [Cost(nameof(Circuit))] static double E(Measurements m) => m.Expect("Z0");
                }
            }
            public partial struct Ünïcödé<TΘ>
            {
                [Ansatz(Qubits = 1, Parameters = 1)] static void Kreis(CircuitBuilder c, Parameters θ) => c.RY(θ[0], 0);
            }
            """);
        Assert.Empty(o.Generator);
        Assert.Equal(3, o.Sources.Count);
        Assert.Contains(o.Sources, s => s.Contains("partial class Outer<T, U>") && s.Contains("partial class Inner<in_, V>"));
        Assert.True(o.Errors.Count == 0, string.Join(Environment.NewLine, o.Errors));
    }

    [Fact]
    public Task AGeneratedMemberTheUserAlreadyDeclaredIsReportedOnTheUsersMethodAndNotEmitted() =>
        // The cost over the dropped ansatz goes with it: nothing is emitted.
        GeneratorTest.VerifyEmitsNothingAsync(Usings + """
            public static partial class A
            {
                public static readonly Circuit CircuitCircuit = new CircuitBuilder(1, 0).Build();
                [Ansatz(Qubits = 1, Parameters = 1)] static void {|#0:Circuit|}(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Circuit))] static double E(Measurements m) => m.Expect("Z0");
                static int __BuildOther() => 0;
                [Ansatz(Qubits = 1, Parameters = 1)] static void {|#1:Other|}(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
            }
            public static partial class OtherCircuit
            {
                [Ansatz(Qubits = 1, Parameters = 1)] static void {|#2:Other|}(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
            }
            """,
            GeneratorTest.Expect(GeneratorDiagnostics.MemberCollision, 0, "'Circuit' gets no generated members: 'A' already declares 'CircuitCircuit', a member the generator would emit"),
            GeneratorTest.Expect(GeneratorDiagnostics.MemberCollision, 1, "'Other' gets no generated members: 'A' already declares '__BuildOther', a member the generator would emit"),
            GeneratorTest.Expect(GeneratorDiagnostics.MemberCollision, 2, "'Other' gets no generated members: the generated member 'OtherCircuit' would have the name of its containing type"));

    [Fact]
    public void ObservableTextWithLineBreaksQuotesAndControlCharactersIsEscaped()
    {
        // The cost's text: m.Expect("Z0\n\"\\\t\u0085\u2028\0") + m.Expect(@"X0<newline>""") in the user's source.
        var o = Generate(
            "public static partial class A\n{\n" +
            "    [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);\n" +
            "    [Cost(nameof(Circuit))] static double E(Measurements m) => m.Expect(\"Z0\\n\\\"\\\\\\t\\u0085\\u2028\\0\") + m.Expect(@\"X0\n\"\"\");\n" +
            "}\n");
        Assert.Empty(o.Generator);
        Assert.True(o.Errors.Count == 0, string.Join(Environment.NewLine, o.Errors));
        Assert.Contains(o.Sources, s => s.Contains("Observable.Parse(\"Z0\\n\\\"\\\\\\t\\u0085\\u2028\\0\")"));
    }

    [Fact]
    public void ObsoleteAnsatzRecordedAtRunTimeDoesNotWarnInGeneratedCode()
    {
        var o = Generate("""
            public static partial class A
            {
                public static int Depth = 2;
                [Obsolete("old")] [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta) { for (int i = 0; i < Depth; i++) c.RY(theta[0], 0); }
                [Obsolete] [Ansatz(Qubits = 1, Parameters = 1)] static void Data(CircuitBuilder c, double[] theta) { for (int i = 0; i < Depth; i++) c.RY(theta[0], 0); }
            }
            """);
        Assert.True(o.Errors.Count == 0, string.Join(Environment.NewLine, o.Errors));
        Assert.All(o.Sources, s => Assert.Contains("#pragma warning disable CS0612, CS0618", s));
    }

    public static TheoryData<string, string> Unbounded => new()
    {
        { "NestedLoopsOfTotalWorkBeyondTheBudget", """
            [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta)
            { for (int i = 0; i < 3000; i++) for (int j = 0; j < 3000; j++) { } c.RY(theta[0], 0); }
            """ },
        { "LoopBoundIntMaxValue", """
            [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta)
            { for (int i = 0; i < int.MaxValue; i++) c.RY(theta[0], 0); }
            """ },
        { "ParametersIntMaxValue", """
            public static partial class Huge
            {
                [Ansatz(Qubits = 1, Parameters = int.MaxValue)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
            }
            """ },
        { "ParametersOneMillion", """
            public static partial class Huge
            {
                [Ansatz(Qubits = 1, Parameters = 1000000)] static void Circuit(CircuitBuilder c, double[] theta) => c.RY(theta[0], 0);
            }
            """ },
        { "IndexIntMaxValue", """
            [Ansatz(Qubits = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[int.MaxValue], 0);
            [Ansatz(Qubits = 1)] static void Data(CircuitBuilder c, double[] theta) => c.RY(theta[int.MaxValue], 0);
            """ },
        { "RepeatedSquaring", """
            [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, double[] theta)
            {
                double e = theta[0];
            """ + string.Concat(Enumerable.Repeat("        e = e * e;\n", 24)) + """
                c.RY(e, 0);
            }
            """ },
        { "SixThousandAdditions", """
            [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, double[] theta)
            {
                double a = 0;
            """ + string.Concat(Enumerable.Repeat("        a += theta[0];\n", 6000)) + """
                c.RY(a, 0);
            }
            """ },
        { "DeepExpression", """
            [Ansatz(Qubits = 1, Parameters = 1)] static void Circuit(CircuitBuilder c, double[] theta) => c.RY(
            """ + string.Concat(Enumerable.Repeat("(theta[0] + ", 200)) + "0" + new string(')', 200) + """
            , 0);
            """ },
        { "HadamardTestOn33Qubits", """
            [Ansatz(Qubits = 33)] static void Target(CircuitBuilder c) => c.H(0);
            [Ansatz(Qubits = 33, Parameters = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
            [Cost(nameof(Circuit))] static double E(Measurements m) => m.OverlapReal(nameof(Target));
            """ },
    };

    [Theory]
    [MemberData(nameof(Unbounded))]
    public void ReadingIsBoundedByTotalWorkAndSize(string name, string members)
    {
        var o = Generate(members.Contains("partial class") ? members : "public static partial class A\n{\n" + members + "\n}");
        Assert.True(o.Errors.Count == 0, name + ": " + string.Join(Environment.NewLine, o.Errors));
        Assert.All(o.Sources, s => Assert.True(s.Length < 200_000, $"{name}: {s.Length} characters generated"));
        Assert.DoesNotContain(o.Sources, s => s.Contains("CircuitsPerGradient = -") || s.Contains("CircuitsPerGradient = 4;"));
    }

    [Fact]
    public void AnExceptionWhileEmittingIsEXG0001AndTheOtherFilesAreKept()
    {
        AnsatzGenerator.FailEmitOnMethodForTests = "Broken";
        try
        {
            var o = Generate("""
                public static partial class A
                {
                    [Ansatz(Qubits = 1, Parameters = 1)] static void Broken(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                    [Ansatz(Qubits = 1, Parameters = 1)] static void Fine(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                }
                """);
            var d = Assert.Single(o.Generator);
            Assert.Equal("EXG0001", d.Id);
            Assert.Contains("injected emit failure", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Single(o.Sources);
        }
        finally
        {
            AnsatzGenerator.FailEmitOnMethodForTests = null;
        }
    }
}
