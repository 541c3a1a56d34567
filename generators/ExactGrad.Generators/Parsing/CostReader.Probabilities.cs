using System.Globalization;
using System.Linq;
using ExactGrad.Generators.Model;
using ExactGrad.Observables;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// Outcome probabilities and variances in a cost: <c>m.Probability("0101")</c> (a constant bitstring, qubit 0 last),
/// <c>m.Probabilities()[k]</c> (directly or through a local) at a constant or loop index k, or at an index known only at
/// run time (<c>(int)label</c>), and <c>m.Variance(O)</c> = ⟨O²⟩ − ⟨O⟩². Each probability is the expectation of a
/// projector and ⟨O²⟩ that of O·O, so the chain rule and every gradient rule apply to them as to any expectation.
/// </summary>
internal sealed partial class CostReader
{
    /// <summary>The most outcomes a run-time index selects among (2^8): each one is a quantity of its own.</summary>
    private const int MaxSelectedOutcomes = 256;

    private readonly int _qubits;

    /// <summary><c>m.Probability(text)</c> or <c>m.Variance(observable)</c>.</summary>
    private Expr Readout(InvocationExpressionSyntax call, string name)
    {
        var args = call.ArgumentList.Arguments;
        if (args.Count != 1) throw new NotReadableException($"'{call}' is not read at compile time", call);
        var argument = args[0].Expression;
        if (name == "Probability")
        {
            if (_model.GetConstantValue(argument, _ct) is not { HasValue: true, Value: string outcome })
                throw new NotReadableException($"'{call}' needs an outcome known at compile time (a constant bitstring)", argument);
            return Outcome(BasisOutcomeIndex(outcome, argument), argument);
        }
        var observed = Observed(argument) ?? throw new NotReadableException($"'{call}' is not the variance of a constant observable, a static readonly Observable or an Observable parameter", argument);
        var mean = Measured(observed);
        return Expr.Sub(Measured(observed with { Readout = QuantityModel.Square }), Expr.Mul(mean, mean));
    }

    /// <summary><c>p[k]</c> of a probability vector (<c>m.Probabilities()</c> or a local holding it), or an element of a local array.</summary>
    private Expr Element(ElementAccessExpressionSyntax access)
    {
        if (access.ArgumentList.Arguments.Count != 1) throw new NotReadableException($"'{access}' is not read at compile time", access);
        var index = access.ArgumentList.Arguments[0].Expression;
        if (access.Expression is IdentifierNameSyntax array && _arrays.TryGetValue(array.Identifier.ValueText, out var items))
        {
            long k = Int(index);
            if (k < 0 || k >= items.Length) throw new NotReadableException($"index {k.ToString(CultureInfo.InvariantCulture)} is outside '{array}' ({items.Length.ToString(CultureInfo.InvariantCulture)} elements)", index);
            return items[k];
        }
        if (!IsProbabilities(access.Expression)) throw new NotReadableException($"'{access}' is not read at compile time", access);
        int outcomes = 1 << Width(access);
        if (TryInt(index, out long constant))
        {
            if (constant < 0 || constant >= outcomes)
                throw new NotReadableException($"outcome index {constant.ToString(CultureInfo.InvariantCulture)} is not one of the {outcomes.ToString(CultureInfo.InvariantCulture)} outcomes of {_qubits.ToString(CultureInfo.InvariantCulture)} qubit(s)", index);
            return Outcome(constant, index);
        }
        // An index known only at run time: every outcome is measured and the cost picks one by it.
        if (outcomes > MaxSelectedOutcomes)
            throw new NotReadableException($"'{access}' selects among {outcomes.ToString(CultureInfo.InvariantCulture)} outcomes at run time; at most {MaxSelectedOutcomes.ToString(CultureInfo.InvariantCulture)} are read", index);
        var all = Enumerable.Range(0, outcomes).Select(k => (Expr)Outcome(k, index)).ToEquatableArray();
        return Selected.Of(RunTimeIndex(index), all);
    }

    /// <summary>True for <c>m.Probabilities()</c> or a local holding it.</summary>
    private bool IsProbabilities(ExpressionSyntax e) =>
        e is IdentifierNameSyntax local ? _vectors.Contains(local.Identifier.ValueText)
        : e is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Probabilities", Expression: IdentifierNameSyntax receiver }, ArgumentList.Arguments.Count: 0 } &&
          receiver.Identifier.ValueText == _measurements;

    /// <summary>
    /// The C# of an int index computed from run-time values that are not differentiated: <c>(int)label</c>, a cast of
    /// a double expression of the cost's extra parameters (and constants) to int, emitted as C# computes it.
    /// </summary>
    private string RunTimeIndex(ExpressionSyntax index)
    {
        if (index is CastExpressionSyntax cast && _model.GetTypeInfo(cast, _ct).Type?.SpecialType == SpecialType.System_Int32 &&
            _model.GetTypeInfo(cast.Expression, _ct).Type?.SpecialType == SpecialType.System_Double)
        {
            var value = Value(cast.Expression);
            if (value.Nodes().OfType<Variable>().Any())
                throw new NotReadableException($"the index '{index}' depends on measured values, so it is not differentiable", index);
            return "(int)(" + value.Code() + ")";
        }
        throw new NotReadableException($"the outcome index '{index}' is neither known at compile time nor a cast of a cost parameter to int", index);
    }

    /// <summary>e_k of the probability of outcome <paramref name="index"/> (bit q = qubit q).</summary>
    private Variable Outcome(long index, SyntaxNode at) =>
        Measured(new QuantityModel(QuantityModel.Expectation, BasisOutcomeText.Text(index, Width(at)), Readout: QuantityModel.Projector));

    /// <summary>The index of a constant outcome, or the reason it is not one of the ansatz's outcomes.</summary>
    private long BasisOutcomeIndex(string outcome, SyntaxNode at) =>
        BasisOutcomeText.Problem(outcome, Width(at)) is { } problem ? throw new NotReadableException(problem, at) : BasisOutcomeText.Index(outcome, _qubits);

    /// <summary>The ansatz's width, which probabilities need.</summary>
    private int Width(SyntaxNode at) =>
        _qubits < 1 ? throw new NotReadableException("outcome probabilities need the ansatz's qubit count, which is not known here", at)
        : _qubits > BasisOutcomeText.MaxQubits ? throw new NotReadableException($"outcome probabilities are read on at most {BasisOutcomeText.MaxQubits.ToString(CultureInfo.InvariantCulture)} qubits; the ansatz has {_qubits.ToString(CultureInfo.InvariantCulture)}", at)
        : _qubits;
}
