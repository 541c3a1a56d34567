using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Support;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>The numbers the analyzers put in messages (frequencies, execution counts) are the runtime's own.</summary>
public class RuntimeAgreementTests
{
    public static IEnumerable<object[]> ParameterizedCatalogGates() =>
        GateCatalog.All.Where(g => g.IsParameterized).Select(g => new object[] { g.Name });

    [Theory]
    [MemberData(nameof(ParameterizedCatalogGates))]
    public void Gate_frequency_and_execution_count_match_the_rule_the_runtime_derives_from_the_spectrum(string name)
    {
        var gate = GateCatalog.All.Single(g => g.Name == name);
        var info = CircuitFrontEnd.Gate(name);
        Assert.NotNull(info);
        for (int slot = 0; slot < gate.ParameterCount; slot++)
        {
            var spectrum = gate.GeneratorSpectrum(slot);
            Assert.Equal(ShiftRule.ForSpectrum(spectrum).Evaluations, info!.Evaluations);
            if (spectrum.Frequencies.Count == 1) Assert.Equal(spectrum.Frequencies[0], info.TwoTermFrequency!.Value, 12);
            else Assert.Null(info.TwoTermFrequency);
        }
    }

    public static TheoryData<double[]> Eigenvalues => new()
    {
        new[] { -0.5, 0.5 },
        new[] { -1.0, 0.0, 1.0 },
        new[] { 0.0, 1.0, 3.0 },
        new[] { -0.5, 0.0, 0.0, 0.5 },
        new[] { 0.0, 1.0, 2.0, 3.0 },
        new[] { 0.0, 0.3, 1.1 },
    };

    [Theory]
    [MemberData(nameof(Eigenvalues))]
    public void Frequencies_and_executions_of_a_declared_spectrum_match_the_runtime(double[] eigenvalues)
    {
        var spectrum = Spectrum.FromEigenvalues(eigenvalues);
        var frequencies = Spectra.Frequencies(eigenvalues);
        Assert.Equal(spectrum.Frequencies.Count, frequencies.Count);
        for (int i = 0; i < frequencies.Count; i++) Assert.Equal(spectrum.Frequencies[i], frequencies[i], 12);
        Assert.Equal(ShiftRule.ForSpectrum(spectrum).Evaluations, Spectra.Executions(frequencies));
    }
}
