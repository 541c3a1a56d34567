using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ExactGrad.Checkpoints;
using ExactGrad.Optimization;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ExactGrad.Tests.Optimization;

/// <summary>
/// The stored text of the optimiser state is pinned to what earlier versions wrote, so files they wrote keep
/// loading (the checksum covers that text) and files written now load in them.
/// </summary>
public sealed class CheckpointFormatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exactgrad-format-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// The optimizer_vectors text written for the state below by the version that serialised it by reflection.
    /// Its base64 holds a '+' (which the default encoder escapes) and a '/' (which it does not), and a name is non-ASCII.
    /// </summary>
    private const string EarlierText =
        """{"m":{"length":2,"bytes":"/Knx0k1iUD\u002Be76fGSzfUPw=="},"\u03B2":{"length":1,"bytes":"AAAAAAAADsA="},"v":{"length":0,"bytes":""}}""";

    private static OptimizerState State() => new("Adam", 7, new Dictionary<string, double[]>
    {
        ["m"] = new[] { 0.001, 0.315875 },
        ["β"] = new[] { -3.75 },
        ["v"] = Array.Empty<double>(),
    });

    [Fact]
    public async Task TheOptimiserStateIsStoredAsEarlierVersionsWroteItAndReadsBackBitForBit()
    {
        var path = Path.Combine(_folder, "format.db");
        var store = new SqliteCheckpointStore(path);
        var saved = new Checkpoint("r", 3, new[] { 0.5 }, -1.0, new[] { 0.25 }, 0, State(), 3, 1, "simulator", "1.0.0", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(saved);

        using (var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT optimizer_vectors FROM checkpoints";
            Assert.Equal(EarlierText, (string)cmd.ExecuteScalar()!);
        }

        var read = (await store.LoadLatestAsync("r"))!.Optimizer;
        Assert.Equal(("Adam", 7L), (read.Kind, read.Counter));
        Assert.Equal(new[] { "m", "β", "v" }, read.Vectors.Keys);
        foreach (var (name, values) in State().Vectors)
            Assert.Equal(Array.ConvertAll(values, BitConverter.DoubleToInt64Bits), Array.ConvertAll(read.Vectors[name], BitConverter.DoubleToInt64Bits));
    }
}
