using System.Collections.Generic;
using System.Threading;
using ExactGrad.Analyzers.FrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers.Support;

/// <summary>A call to one of CircuitBuilder's catalog methods, with its angle and qubit arguments.</summary>
internal sealed record BuilderCall(InvocationExpressionSyntax Call, string Method, GateInfo Gate,
    IReadOnlyList<ExpressionSyntax> Angles, IReadOnlyList<ExpressionSyntax> Qubits)
{
    /// <summary>From the method name to the closing parenthesis: <c>CRX(theta[0], 0, 1)</c> even inside a chain.</summary>
    public Location GateLocation => Location.Create(Call.SyntaxTree,
        TextSpan.FromBounds(((MemberAccessExpressionSyntax)Call.Expression).Name.SpanStart, Call.Span.End));

    public string Text => Call.ToString().Substring(((MemberAccessExpressionSyntax)Call.Expression).Name.SpanStart - Call.SpanStart);

    /// <summary>Builder calls in a method body (positional arguments only, as the generator reads them).</summary>
    public static IEnumerable<BuilderCall> In(SyntaxNode body, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call) continue;
            string name = member.Name.Identifier.ValueText;
            if (CircuitFrontEnd.Gate(name) is not { } gate) continue;
            if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol m || !symbols.OnBuilder(m)) continue;
            var args = call.ArgumentList.Arguments;
            if (args.Count != gate.Angles + gate.Qubits) continue;
            bool named = false;
            foreach (var a in args) named |= a.NameColon is not null;
            if (named) continue;
            var angles = new List<ExpressionSyntax>();
            var qubits = new List<ExpressionSyntax>();
            for (int i = 0; i < args.Count; i++) (i < gate.Angles ? angles : qubits).Add(args[i].Expression);
            yield return new BuilderCall(call, name, gate, angles, qubits);
        }
    }
}
