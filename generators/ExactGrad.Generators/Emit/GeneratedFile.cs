namespace ExactGrad.Generators.Emit;

/// <summary>
/// One generated file, or why emitting it failed (then <see cref="Text"/> is null). Plain strings, so the
/// step that emits compares by value and an unchanged model is never emitted twice.
/// </summary>
internal sealed record GeneratedFile(string HintName, string Method, string? Text, string? Failure);
