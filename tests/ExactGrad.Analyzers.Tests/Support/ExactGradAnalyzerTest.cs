using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>An analyzer test of one diagnostic ID over all ExactGrad analyzers, in <see cref="ExactGradTestProject"/>.</summary>
internal sealed class ExactGradAnalyzerTest : CSharpAnalyzerTest<AnsatzAnalyzer, DefaultVerifier>
{
    private readonly string _id;

    public ExactGradAnalyzerTest(string id)
    {
        _id = id;
        ExactGradTestProject.Configure(this, id);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ExactGradTestProject.Analyzers();

    protected override DiagnosticDescriptor GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => ExactGradTestProject.Descriptor(_id);
}
