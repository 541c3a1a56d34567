namespace ExactGrad.Analyzers;

/// <summary>
/// Every ExactGrad diagnostic ID, in bands: 0xxx generator, 1xxx correctness, 2xxx cost of a gradient.
/// Shared with the code fixes (internals visible to them); users name the IDs as strings in their suppressions.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>The source generator's internal-error report (declared again in the generator, which cannot reference this assembly).</summary>
    public const string GeneratorFailure = "EXG0001";

    /// <summary>The generator's report that a generated member would collide with an existing one (declared again in the generator).</summary>
    public const string GeneratedMemberCollision = "EXG0002";

    /// <summary>The generator's report of an [Ansatz] that calls itself (declared again in the generator).</summary>
    public const string RecursiveAnsatz = "EXG0003";

    /// <summary>An analyzer's report of its own internal failure on a node.</summary>
    public const string AnalyzerFailure = "EXG0004";

    public const string NonDifferentiableUse = "EXG1001";
    public const string ParameterIndexOutOfRange = "EXG1002";
    public const string ParameterNeverUsed = "EXG1003";
    public const string QubitOutOfRange = "EXG1004";
    public const string QubitRepeated = "EXG1005";
    public const string ObservableWiderThanCircuit = "EXG1006";
    public const string NotStaticallyReadable = "EXG1007";
    public const string OverlapTargetNotFixed = "EXG1012";
    public const string OverlapTargetWidth = "EXG1013";
    public const string HadamardTestNeedsPauliRotations = "EXG1014";
    public const string HadamardTestNotExportable = "EXG1015";
    public const string OutcomeNotOfCircuit = "EXG1016";
    public const string TwoTermRuleNotExact = "EXG1008";
    public const string WrongShiftConstant = "EXG1009";
    public const string ShiftWithZeroSine = "EXG1010";
    public const string NotCompiled = "EXG1011";

    public const string MultiTermGate = "EXG2001";
    public const string DecomposableGate = "EXG2002";

    /// <summary>The generator's report of a parameter outside its cost's light cone (declared again in the generator).</summary>
    public const string OutsideLightCone = "EXG2003";
}
