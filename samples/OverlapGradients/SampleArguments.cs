using System;
using System.Collections.Generic;
using System.IO;

namespace OverlapGradients;

/// <summary>The sample's command line: an optional output folder and <c>--variant A|B|both</c> (default B).</summary>
public sealed record SampleArguments(string Output, IReadOnlyList<PaperProblem> Variants)
{
    public static string DefaultOutput { get; } = Path.Combine("artifacts", "overlap-gradients");

    public static bool TryParse(IReadOnlyList<string> args, out SampleArguments parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? output = null;
        IReadOnlyList<PaperProblem> variants = new[] { PaperProblem.VariantB };
        parsed = new SampleArguments(DefaultOutput, variants);
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--variant")
            {
                if (i + 1 >= args.Count) { error = "--variant needs a value: A, B or both."; return false; }
                string value = args[++i];
                if (value.Equals("A", StringComparison.OrdinalIgnoreCase)) variants = new[] { PaperProblem.VariantA };
                else if (value.Equals("B", StringComparison.OrdinalIgnoreCase)) variants = new[] { PaperProblem.VariantB };
                else if (value.Equals("both", StringComparison.OrdinalIgnoreCase)) variants = PaperProblem.Both;
                else { error = $"Unknown variant '{value}': give A, B or both."; return false; }
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal)) { error = $"Unknown option '{args[i]}'."; return false; }
            else if (output is null) output = args[i];
            else { error = $"Unexpected argument '{args[i]}': the output folder is already '{output}'."; return false; }
        }
        parsed = new SampleArguments(output ?? DefaultOutput, variants);
        error = "";
        return true;
    }
}
