using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>A generator never throws: an internal failure becomes EXG0001 and the rest of the project still builds.</summary>
[Collection(nameof(GeneratorHooks))]
public class GeneratorDiagnosticTests
{
    /// <summary>An ansatz and a cost both named InjectedFailureProbe (marked 0 and 1), the name the failure hook fails on.</summary>
    private const string Markup = """
        using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Faulty
        {
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void {|#0:InjectedFailureProbe|}(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1);

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Circuit(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 1);

            [Cost(nameof(Circuit))]
            static double {|#1:InjectedFailureProbe|}(Measurements m) => m.Expect("ZZ");
        }
        """;

    private const string Message = "ExactGrad could not generate code for 'InjectedFailureProbe': InvalidOperationException: injected failure";

    [Fact]
    public async Task InternalFailureIsReportedAsEXG0001OnEachFailedMethodsName()
    {
        AnsatzGenerator.FailOnMethodForTests = "InjectedFailureProbe";
        try
        {
            await GeneratorTest.VerifyDiagnosticsAsync(Markup,
                GeneratorTest.Expect(GeneratorDiagnostics.InternalError, 0, Message),
                GeneratorTest.Expect(GeneratorDiagnostics.InternalError, 1, Message));
        }
        finally
        {
            AnsatzGenerator.FailOnMethodForTests = null;
        }
    }

    [Fact]
    public void AfterAnInternalFailureTheProjectBuildsTheCircuitIsRecordedAtRunTimeAndTheCostHasNoMembers()
    {
        GeneratorRunResult result;
        Compilation output;
        AnsatzGenerator.FailOnMethodForTests = "InjectedFailureProbe";
        try
        {
            result = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(GeneratorTest.WithoutMarkup(Markup)), out output, out _)
                .GetRunResult().Results.Single();
        }
        finally
        {
            AnsatzGenerator.FailOnMethodForTests = null;
        }

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "EXG0001", "EXG0001" }, result.Diagnostics.Select(d => d.Id));
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
