using Xunit;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// Tests that set the generator's static failure hooks (AnsatzGenerator.FailOnMethodForTests,
/// FailEmitOnMethodForTests) run in this collection, one at a time, so no test sees another's hook.
/// </summary>
[CollectionDefinition(nameof(GeneratorHooks))]
public sealed class GeneratorHooks;
