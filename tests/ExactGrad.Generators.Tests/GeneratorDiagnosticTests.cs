using System;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>A generator never throws: an internal failure becomes EXG0001 and the rest of the project still builds.</summary>
[Collection(nameof(GeneratorHooks))]
public class GeneratorDiagnosticTests
{
    private const string Source = """
        using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Faulty
        {
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void InjectedFailureProbe(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1);

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Circuit(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 1);

            [Cost(nameof(Circuit))]
            static double InjectedFailureProbe(Measurements m) => m.Expect("ZZ");
        }
        """;

    [Fact]
    public void InternalFailureIsReportedAsEXG0001AndTheCircuitFallsBackToRunTimeRecording()
    {
        GeneratorRunResult result;
        Compilation output;
        AnsatzGenerator.FailOnMethodForTests = "InjectedFailureProbe";
        try
        {
            result = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(Source), out output, out _)
                .GetRunResult().Results.Single();
        }
        finally
        {
            AnsatzGenerator.FailOnMethodForTests = null;
        }

        Assert.Null(result.Exception);
        var diagnostics = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, diagnostics.Length);
        foreach (var d in diagnostics)
        {
            Assert.Equal("EXG0001", d.Id);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal("ExactGrad could not generate code for 'InjectedFailureProbe': InvalidOperationException: injected failure", d.GetMessage());
            Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
        }
        // Each points at its method: the ansatz on line 5, the cost on line 11 (1-based).
        Assert.Equal(new[] { 4, 10 }, diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line));

        // The project still builds; the failed circuit is recorded at run time; the failed cost has no members.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = GeneratorHarness.Load(output).GetType("Faulty")!;
        var circuit = (Circuit)type.GetProperty("InjectedFailureProbeCircuit")!.GetValue(null)!;
        Assert.Equal(new[] { "RY", "CNOT" }, circuit.Operations.Select(o => o.Gate.Name));
        Assert.Null(type.GetMethod("InjectedFailureProbeWithGradient"));
        Assert.NotNull(type.GetProperty("CircuitCircuit", BindingFlags.Public | BindingFlags.Static));
    }

    [Fact]
    public void ArithmeticOverflowInAnIndexFallsBackWithoutADiagnostic()
    {
        var (_, generated) = GeneratorHarness.Run("""
            using ExactGrad; using ExactGrad.Circuits;
            public static partial class Overflowing
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    long big = long.MinValue;
                    if (big / -1 > 0) c.RX(theta[0], 0);
                }
            }
            """);
        Assert.Contains("// Not read at compile time: integer arithmetic at line 8 overflows", generated.Single());
    }
}
