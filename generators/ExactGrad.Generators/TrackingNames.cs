namespace ExactGrad.Generators;

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>Each [Ansatz] read: model, diagnostic and location (the reporting branch starts here).</summary>
    public const string AnsatzReads = nameof(AnsatzReads);
    /// <summary>The [Ansatz] models alone: plain values, the source branch.</summary>
    public const string AnsatzModels = nameof(AnsatzModels);
    /// <summary>The generated circuit files.</summary>
    public const string AnsatzSources = nameof(AnsatzSources);
    /// <summary>Each [Cost] read: model, diagnostic and location (the reporting branch starts here).</summary>
    public const string CostReads = nameof(CostReads);
    /// <summary>The [Cost] models alone: plain values, the source branch.</summary>
    public const string CostModels = nameof(CostModels);
    /// <summary>Each cost with its ansatz's circuit count.</summary>
    public const string CostOutputs = nameof(CostOutputs);
    /// <summary>The generated cost files.</summary>
    public const string CostSources = nameof(CostSources);
}
