using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>Test sources mark expected diagnostic spans with [|…|]; this strips the marks and returns the spans in order.</summary>
internal static class Markup
{
    public static (string Source, IReadOnlyList<TextSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0) { open.Push(text.Length); i++; continue; }
            if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0) { int start = open.Pop(); spans.Add(TextSpan.FromBounds(start, text.Length)); i++; continue; }
            text.Append(markup[i]);
        }
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
        return (text.ToString(), spans);
    }
}
