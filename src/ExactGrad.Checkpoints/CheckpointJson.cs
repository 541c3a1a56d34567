using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExactGrad.Checkpoints;

/// <summary>One optimiser vector as stored in the optimizer_vectors column: its count and its raw IEEE-754 bytes in base64.</summary>
internal sealed record StoredVector(
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("bytes")] string Bytes);

/// <summary>
/// The JSON the checkpoint file holds, serialised by source-generated code (no reflection, so trimmed and
/// NativeAOT applications can write and read checkpoints). Default options: the stored text is the same as the
/// reflection-based serialiser wrote, so earlier files keep their checksums.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, StoredVector>))] // schema 2: name → { length, bytes }
[JsonSerializable(typeof(Dictionary<string, string>))] // schema 1: name → base64, read when migrating
internal sealed partial class CheckpointJson : JsonSerializerContext;
