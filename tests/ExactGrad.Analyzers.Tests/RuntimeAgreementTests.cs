using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Tests.Support;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>
/// The numbers the analyzers put in messages are the runtime's own. Catalog gates need no check here: their facts
/// are one table the runtime and the analyzers both compile (ExactGrad.Tests' GateFactsTests pins the table); a
/// spectrum the user declares goes through the runtime's general rule, whose size the analyzer predicts.
/// </summary>
public class RuntimeAgreementTests
{
    public static TheoryData<double[]> Eigenvalues => new()
    {
        new[] { -1.0, 0.0, 1.0 },
        new[] { 0.0, 1.0, 3.0 },
        new[] { -0.5, 0.0, 0.0, 0.5 },
        new[] { 0.0, 1.0, 2.0, 3.0 },
        new[] { 0.0, 0.3, 1.1 },
    };

    [Theory]
    [MemberData(nameof(Eigenvalues))]
    public async Task The_execution_count_reported_for_a_declared_spectrum_is_the_runtime_rules(double[] eigenvalues)
    {
        string values = string.Join(", ", eigenvalues.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var compilation = TestCompilation.Generate(AnalyzerVerifier.InClass(
            $"static ShiftRule R() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new double[] {{ {values} }}), twoTermShift: 0.3);"));
        var reported = (await TestCompilation.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers()))
            .Single(d => d.Id == DiagnosticIds.TwoTermRuleNotExact).GetMessage(CultureInfo.InvariantCulture);
        int evaluations = ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(eigenvalues)).Evaluations;
        Assert.EndsWith($"the exact rule needs {evaluations} circuit executions", reported);
    }

    [Fact]
    public void A_gate_view_takes_the_most_evaluations_and_the_common_frequency_of_its_angles()
    {
        Assert.Equal(new GateInfo(2, 1, 4, null, false), CircuitFrontEnd.Gate("CRX"));
        Assert.Equal(new GateInfo(1, 3, 2, 1.0, false), CircuitFrontEnd.Gate("U3"));
        Assert.Equal(new GateInfo(2, 1, 2, 1.0, true), CircuitFrontEnd.Gate("RZZ"));
        Assert.Equal(new GateInfo(2, 0, 0, null, false), CircuitFrontEnd.Gate("CX"));
        Assert.Null(CircuitFrontEnd.Gate("PauliRotation"));
    }
}
