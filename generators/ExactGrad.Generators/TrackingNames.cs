namespace ExactGrad.Generators;

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    public const string AnsatzModels = nameof(AnsatzModels);
    public const string CostModels = nameof(CostModels);
    public const string CostOutputs = nameof(CostOutputs);
}
