using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Fuzz.Tests;

/// <summary>
/// A seeded source mutator: mutant number i of seed s is always the same text. Each mutant applies one to
/// three of the edits below to a corpus source, the kinds of damage typing, refactoring and copy-paste do
/// (and the inputs that once broke the generator): token deletions and truncations, duplicated and
/// inserted members, renames (to keywords, case variants, unicode), generic containing types, lambdas,
/// deep expressions, recursion, literal changes (integer division, overflow, huge bounds).
/// </summary>
internal sealed class Mutator
{
    private static readonly string[] Keywords = { "@class", "@if", "@double", "@return", "@int", "@base", "@in", "@out", "@event" };
    private static readonly string[] Literals =
    {
        "0", "1", "-1", "2", "7", "1 / 2", "-1 / 7", "1 / 2.0", "3 % 2", "int.MaxValue", "int.MinValue", "long.MaxValue", "1000000000",
        "65536 * 32768", "unchecked(65536 * 32768)", "0.5", "1e308", "double.NaN", "1e-300", "2.5f", "(byte)255", "'a'", "\"Z0\\n\"", "\"X0 \\\"Y1\\\"\"",
    };

    public readonly record struct Mutant(int Index, int Seed, string Source, string Description);

    private readonly IReadOnlyList<string> _seeds;
    private readonly int _seed;

    public Mutator(IReadOnlyList<string> seeds, int seed)
    {
        _seeds = seeds;
        _seed = seed;
    }

    public Mutant Create(int index)
    {
        var random = new Random(unchecked(_seed * 1_000_003 + index));
        int seedIndex = random.Next(_seeds.Count);
        string text = _seeds[seedIndex];
        var applied = new List<string>();
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            var (next, what) = Apply(text, random);
            text = next;
            applied.Add(what);
        }
        return new Mutant(index, seedIndex, text, $"seed {seedIndex}: {string.Join("; ", applied)}");
    }

    private (string, string) Apply(string text, Random random)
    {
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
        var tokens = root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
        if (tokens.Count == 0) return (text, "empty");
        switch (random.Next(13))
        {
            case 0:
            {
                var t = tokens[random.Next(tokens.Count)];
                return (text.Remove(t.SpanStart, t.Span.Length), $"delete token '{t}'");
            }
            case 1:
            {
                int at = random.Next(text.Length);
                return (text.Substring(0, at), $"truncate at {at}");
            }
            case 2 when methods.Count > 0:
            {
                var m = methods[random.Next(methods.Count)];
                return (text.Insert(m.FullSpan.End, "\n" + m.ToFullString()), $"duplicate member '{m.Identifier}'");
            }
            case 3 when methods.Count > 0:
            {
                // A member of another seed, renamed or not, into a type here.
                var other = CSharpSyntaxTree.ParseText(_seeds[random.Next(_seeds.Count)]).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
                if (other.Count == 0) goto default;
                var m = methods[random.Next(methods.Count)];
                var inserted = other[random.Next(other.Count)];
                return (text.Insert(m.FullSpan.End, "\n" + inserted.ToFullString()), $"insert member '{inserted.Identifier}' from another seed");
            }
            case 4:
            {
                var names = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText.Length > 0).Select(t => t.ValueText).Distinct().ToList();
                if (names.Count == 0) goto default;
                string name = names[random.Next(names.Count)];
                string replacement = random.Next(4) switch
                {
                    0 => Keywords[random.Next(Keywords.Length)],
                    1 => char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name.Substring(1) : char.ToUpperInvariant(name[0]) + name.Substring(1),
                    2 => name + "Θé",
                    _ => names[random.Next(names.Count)],
                };
                var sb = new StringBuilder(text);
                foreach (var t in tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name && t.Span.Length > 0).OrderByDescending(t => t.SpanStart))
                    sb.Remove(t.SpanStart, t.Span.Length).Insert(t.SpanStart, replacement);
                return (sb.ToString(), $"rename '{name}' to '{replacement}'");
            }
            case 5:
            {
                var types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.TypeParameterList is null).ToList();
                if (types.Count == 0) goto default;
                var type = types[random.Next(types.Count)];
                string parameters = random.Next(2) == 0 ? "<T>" : "<T, U> where T : struct";
                string edited = parameters.Contains("where")
                    ? text.Insert(type.Identifier.Span.End, "<T, U>").Insert(type.OpenBraceToken.SpanStart + 6, " where T : struct ")
                    : text.Insert(type.Identifier.Span.End, parameters);
                return (edited, $"make '{type.Identifier}' generic");
            }
            case 6 when methods.Count > 0:
            {
                var m = methods[random.Next(methods.Count)];
                if (m.Body is not { } body) goto default;
                return (text.Insert(body.OpenBraceToken.Span.End, " Func<double, double> f = v => v * 2; var g = () => 1; "), $"insert lambdas into '{m.Identifier}'");
            }
            case 7:
            {
                var expressions = root.DescendantNodes().OfType<ArgumentSyntax>().ToList();
                if (expressions.Count == 0) goto default;
                var a = expressions[random.Next(expressions.Count)];
                int depth = new[] { 20, 60, 120, 250, 600 }[random.Next(5)];
                string op = random.Next(2) == 0 ? " + 0" : " * 1";
                string deep = new string('(', depth) + a.Expression + string.Concat(Enumerable.Repeat(op + ")", depth));
                return (text.Remove(a.Expression.SpanStart, a.Expression.Span.Length).Insert(a.Expression.SpanStart, deep), $"deepen argument '{Short(a)}' to {depth}");
            }
            case 8 when methods.Count > 0:
            {
                var m = methods[random.Next(methods.Count)];
                if (m.Body is not { } body) goto default;
                string args = string.Join(", ", m.ParameterList.Parameters.Select(p => p.Identifier.Text));
                return (text.Insert(body.CloseBraceToken.SpanStart, $" {m.Identifier.Text}({args}); "), $"make '{m.Identifier}' call itself");
            }
            case 9:
            {
                var literals = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.StringLiteralToken)).ToList();
                if (literals.Count == 0) goto default;
                var t = literals[random.Next(literals.Count)];
                string value = Literals[random.Next(Literals.Length)];
                return (text.Remove(t.SpanStart, t.Span.Length).Insert(t.SpanStart, value), $"literal '{t}' -> '{value}'");
            }
            case 10 when methods.Count > 0:
            {
                var m = methods[random.Next(methods.Count)];
                if (m.Body is not { } body || m.ParameterList.Parameters.Count == 0) goto default;
                string c = m.ParameterList.Parameters[0].Identifier.Text;
                string loop = random.Next(3) switch
                {
                    0 => $" for (int i9 = 0; i9 < 3000; i9++) for (int j9 = 0; j9 < 3000; j9++) {{ }} ",
                    1 => $" double s9 = 1; for (int i9 = 0; i9 < 2; i9++) {{ s9 = s9 / 2; }} ",
                    _ => $" for (int i9 = 0; i9 < int.MaxValue; i9++) {c}.H(0); ",
                };
                return (text.Insert(body.OpenBraceToken.Span.End, loop), $"insert a loop into '{m.Identifier}'");
            }
            case 11:
            {
                var ops = root.DescendantNodes().OfType<BinaryExpressionSyntax>().ToList();
                if (ops.Count == 0) goto default;
                var b = ops[random.Next(ops.Count)];
                string op = new[] { "+", "-", "*", "/", "%" }[random.Next(5)];
                return (text.Remove(b.OperatorToken.SpanStart, b.OperatorToken.Span.Length).Insert(b.OperatorToken.SpanStart, op), $"operator '{b.OperatorToken}' -> '{op}'");
            }
            case 12 when methods.Count > 0:
            {
                // Repeated squaring or accumulation in a double local: exponential or very long expressions.
                var m = methods[random.Next(methods.Count)];
                if (m.Body is not { } body || m.ParameterList.Parameters.Count < 2) goto default;
                string theta = m.ParameterList.Parameters[1].Identifier.Text;
                string growth = random.Next(2) == 0
                    ? $" double e9 = {theta}[0];" + string.Concat(Enumerable.Repeat(" e9 = e9 * e9;", 24)) + $" {m.ParameterList.Parameters[0].Identifier.Text}.RY(e9, 0); "
                    : " double a9 = 0;" + string.Concat(Enumerable.Repeat($" a9 += {theta}[0];", 600)) + $" {m.ParameterList.Parameters[0].Identifier.Text}.RY(a9, 0); ";
                return (text.Insert(body.CloseBraceToken.SpanStart, growth), $"grow an expression in '{m.Identifier}'");
            }
            default:
            {
                var t = tokens[random.Next(tokens.Count)];
                return (text.Remove(t.SpanStart, t.Span.Length), $"delete token '{t}'");
            }
        }
    }

    private static string Short(SyntaxNode n)
    {
        string s = n.ToString().Replace('\n', ' ');
        return s.Length <= 30 ? s : s.Substring(0, 27) + "...";
    }
}
