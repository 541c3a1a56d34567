using System.Linq;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// ExactGrad's types are recognised by symbol (namespace chain, name, runtime assembly), not by how they print:
/// a user's own type named like one of them is never taken for it, so no cost is generated over it.
/// </summary>
public class KnownTypeTests
{
    private const string Ansatz = """
        public static partial class A
        {
            [ExactGrad.Ansatz(Qubits = 1, Parameters = 1)]
            static void Circuit(ExactGrad.Circuits.CircuitBuilder c, ExactGrad.Circuits.Parameters theta) => c.RY(theta[0], 0);

            [ExactGrad.Cost(nameof(Circuit))]
            static double Energy(MEASUREMENTS m) => m.Expect("Z");
        }
        """;

    private static (string[] Hints, Diagnostic[] Errors, Diagnostic[] Generator) Generate(string measurements, string declaration)
    {
        var compilation = GeneratorHarness.Compile(Ansatz.Replace("MEASUREMENTS", measurements), declaration);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (result.GeneratedSources.Select(s => s.HintName).OrderBy(h => h, System.StringComparer.Ordinal).ToArray(),
            output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray(), diagnostics.ToArray());
    }

    [Fact]
    public void ACostOverAUsersOwnMeasurementsTypeInAnotherNamespaceGetsNoGeneratedMembers()
    {
        var (hints, errors, generator) = Generate("Lab.Measurements", """
            namespace Lab { public sealed class Measurements { public double Expect(string label) => 0; } }
            """);
        Assert.Empty(errors);
        Assert.Empty(generator);
        Assert.Single(hints, h => h.Contains("Ansatz"));
        Assert.DoesNotContain(hints, h => h.Contains("Cost"));
    }

    [Fact]
    public void AUsersOwnTypeWithExactGradsFullNameInItsOwnAssemblyIsNotExactGradsMeasurements()
    {
        // Prints exactly as ExactGrad.Observables.Measurements does (CS0436: the source type wins over the imported one).
        var (hints, errors, generator) = Generate("ExactGrad.Observables.Measurements", """
            namespace ExactGrad.Observables { public sealed class Measurements { public double Expect(string label) => 0; } }
            """);
        Assert.Empty(errors);
        Assert.Empty(generator);
        Assert.Single(hints, h => h.Contains("Ansatz"));
        Assert.DoesNotContain(hints, h => h.Contains("Cost"));
    }

    [Fact]
    public void ExactGradsOwnMeasurementsStillGetsItsCostMembers()
    {
        var (hints, errors, _) = Generate("ExactGrad.Observables.Measurements", "");
        Assert.Empty(errors);
        Assert.Equal(2, hints.Length);
        Assert.Single(hints, h => h.Contains("Cost"));
    }
}
