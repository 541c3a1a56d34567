using System;
using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Hardware;

/// <summary>Masks every known secret (API key, bearer token) in text that came from outside, before it is logged or thrown.</summary>
internal sealed class SecretRedactor
{
    private readonly object _lock = new();
    private readonly List<string> _secrets = new();

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return;
        lock (_lock) if (!_secrets.Contains(secret)) _secrets.Add(secret);
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        string[] secrets;
        lock (_lock) secrets = _secrets.OrderByDescending(s => s.Length).ToArray();
        foreach (var s in secrets) text = text.Replace(s, "***", StringComparison.Ordinal);
        return text;
    }
}
