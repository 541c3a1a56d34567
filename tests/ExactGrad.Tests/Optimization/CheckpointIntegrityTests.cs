using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ExactGrad.Checkpoints;
using ExactGrad.Optimization;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ExactGrad.Tests.Optimization;

/// <summary>
/// Damaged checkpoints on real SQLite files: every byte of every stored value flipped in turn, vectors of the
/// wrong length, values of the wrong type, unreadable optimiser state, a directory for a path, the fallback to
/// the previous good checkpoint, the explicit migration of schema-1 files, and the stored text of the optimiser state
/// pinned to what earlier versions wrote (files they wrote keep loading: the checksum covers that text).
/// </summary>
public sealed class CheckpointIntegrityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exactgrad-integrity-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Checkpoint Saved(string run, long step, int parameters, string? stop = null)
    {
        var adam = new Adam(0.1);
        var theta = Enumerable.Range(0, parameters).Select(k => 0.1 * (k + 1) + step).ToArray();
        var gradient = Enumerable.Range(0, parameters).Select(k => -0.3 * (k + 2) / (step + 1)).ToArray();
        for (int i = 0; i < 3; i++) adam.Step(theta, gradient);
        return new Checkpoint(run, step, theta, -1.125 + step, gradient, 500 * step, adam.Save(), 2 * step, 11, "simulator", "1.2.3",
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddSeconds(step)) { CalmSteps = 1, StopReason = stop };
    }

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        return db;
    }

    private static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var db = Open(path);
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private static async Task<InvalidDataException> LoadFails(string path, string run, params string[] expected)
    {
        var before = File.ReadAllBytes(path);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new SqliteCheckpointStore(path).LoadLatestAsync(run));
        Assert.Contains($"'{path}'", e.Message);
        foreach (var part in expected) Assert.Contains(part, e.Message);
        Assert.Contains("The file was not modified", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        return e;
    }

    [Fact]
    public async Task EveryByteOfEveryStoredValueFlippedInTurnIsCaughtAndNeverResumesSilently()
    {
        var path = Path.Combine(_folder, "flips.db");
        var store = new SqliteCheckpointStore(path);
        await store.SaveAsync(Saved("run", 5, 3));
        // Every column holds a value: the validation objective and the divergence guard's reason too.
        var newest = Saved("run", 10, 3, stop: "reached 10 steps") with { Validation = -0.75, PausedBy = DivergenceReason.ValidationRising };
        await store.SaveAsync(newest);
        var loaded = (await store.LoadLatestAsync("run"))!;
        Assert.Equal(newest.Theta, loaded.Theta);
        Assert.Equal((-0.75, DivergenceReason.ValidationRising), (loaded.Validation, loaded.PausedBy));

        var columns = new List<(string Name, string Type, byte[] Bytes)>();
        using (var db = Open(path))
        {
            var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT * FROM checkpoints WHERE step = 10";
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read());
            for (int i = 0; i < r.FieldCount; i++)
            {
                var value = r.GetValue(i);
                columns.Add(value switch
                {
                    long l => (r.GetName(i), "integer", BitConverter.GetBytes(l)),
                    string s => (r.GetName(i), "text", Encoding.UTF8.GetBytes(s)),
                    byte[] b => (r.GetName(i), "blob", b),
                    _ => throw new InvalidOperationException($"{r.GetName(i)} is {value}"),
                });
            }
        }
        Assert.Equal(21, columns.Count);

        int flips = 0;
        var caughtBy = new Dictionary<string, int>();
        foreach (var (name, type, original) in columns)
        {
            for (int k = 0; k < original.Length; k++)
            {
                var damaged = (byte[])original.Clone();
                damaged[k] ^= 0xFF;
                Write(path, name, type, damaged);
                var before = File.ReadAllBytes(path);

                var strict = await Assert.ThrowsAsync<InvalidDataException>(() => new SqliteCheckpointStore(path).LoadLatestAsync("run"));
                Assert.Contains(path, strict.Message);
                var load = await new SqliteCheckpointStore(path).LoadLatestUsableAsync("run");
                // The previous good checkpoint is used, and the load says which rows it passed over.
                Assert.Equal(5, load.Checkpoint!.Step);
                Assert.Equal(Saved("run", 5, 3).Theta, load.Checkpoint.Theta);
                var damage = Assert.Single(load.Damaged);
                Assert.True(load.FellBack);
                caughtBy[damage.Column] = caughtBy.GetValueOrDefault(damage.Column) + 1;
                Assert.Equal(before, File.ReadAllBytes(path));
                flips++;
            }
            Write(path, name, type, original);
            Assert.Equal(newest.Theta, (await new SqliteCheckpointStore(path).LoadLatestAsync("run"))!.Theta);
        }
        Assert.True(flips > 300, $"{flips} flips");
        // A flip inside θ or the gradient (24 bytes each) leaves a well-formed row: only the checksum can catch it.
        // Others are caught first by a type, length, JSON or time check that names their column.
        Assert.True(caughtBy["checksum"] >= 48, string.Join(", ", caughtBy.Select(c => $"{c.Key}: {c.Value}")));
    }

    /// <summary>Writes raw bytes back into a column of the step-10 row with the same storage class.</summary>
    private static void Write(string path, string column, string type, byte[] bytes)
    {
        var value = type switch
        {
            "integer" => "$v",
            "text" => "CAST($v AS TEXT)",
            _ => "$v",
        };
        // The step-10 row is the one with the larger rowid (it may no longer be step 10 after a flip of its step).
        object parameter = type == "integer" ? BitConverter.ToInt64(bytes) : bytes;
        Execute(path, $"UPDATE checkpoints SET {column} = {value} WHERE rowid = (SELECT MAX(rowid) FROM checkpoints)", ("$v", parameter));
    }

    [Fact]
    public async Task ThetaOfTwentyEightBytesForThreeParametersIsRefusedNamingTheColumn()
    {
        var path = Path.Combine(_folder, "short.db");
        await new SqliteCheckpointStore(path).SaveAsync(Saved("r", 1, 3));
        Execute(path, "UPDATE checkpoints SET theta = $v", ("$v", new byte[28]));
        var e = await LoadFails(path, "r", "run 'r'", "step 1", "column 'theta'", "28 bytes", "3 parameters need exactly 24");
        Assert.Equal("theta", e.Data[CheckpointErrors.ColumnKey]);
        Assert.Equal(1L, e.Data[CheckpointErrors.StepKey]);
        Assert.Equal("r", e.Data[CheckpointErrors.RunKey]);
        Assert.Equal(path, e.Data[CheckpointErrors.FileKey]);
    }

    [Fact]
    public async Task TextInTheCostColumnIsRefusedNamingTheColumnAndTheValue()
    {
        var path = Path.Combine(_folder, "text.db");
        await new SqliteCheckpointStore(path).SaveAsync(Saved("r", 4, 2));
        Execute(path, "UPDATE checkpoints SET cost = 'cheap'");
        await LoadFails(path, "r", "run 'r'", "step 4", "column 'cost'", "expected an INTEGER, found TEXT 'cheap'");
        // A numeric text is converted by SQLite's column affinity into a REAL: still not what was written.
        Execute(path, "UPDATE checkpoints SET cost = '0.5'");
        await LoadFails(path, "r", "column 'cost'", "found REAL 0.5");
    }

    [Fact]
    public async Task CorruptOptimiserJsonIsRefusedNamingTheColumn()
    {
        var path = Path.Combine(_folder, "json.db");
        await new SqliteCheckpointStore(path).SaveAsync(Saved("r", 3, 2));
        Execute(path, "UPDATE checkpoints SET optimizer_vectors = '{\"m\": {\"length\": 2, \"bytes\": '");
        await LoadFails(path, "r", "run 'r'", "step 3", "column 'optimizer_vectors'", "optimiser state is not readable");
        Execute(path, "UPDATE checkpoints SET optimizer_vectors = '{\"m\": {\"length\": 3, \"bytes\": \"AAAAAAAAAAA=\"}}'");
        await LoadFails(path, "r", "column 'optimizer_vectors'", "vector 'm' has 8 bytes, but 3 values need exactly 24");
    }

    [Fact]
    public void APathThatIsADirectoryIsRefusedNamingIt()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_folder, "a-directory")).FullName;
        var e = Assert.Throws<InvalidDataException>(() => new SqliteCheckpointStore(dir));
        Assert.Contains($"'{dir}' is a directory", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }

    [Fact]
    public async Task HistoryAndRunListRefuseDamagedRowsAndAllDamagedRunsDoNotStartOver()
    {
        var path = Path.Combine(_folder, "all.db");
        var store = new SqliteCheckpointStore(path);
        await store.SaveAsync(Saved("r", 5, 2));
        await store.SaveAsync(Saved("other", 5, 2));
        Execute(path, "UPDATE checkpoints SET gradient = zeroblob(16) WHERE run_id = 'r'");
        var history = await Assert.ThrowsAsync<InvalidDataException>(() => store.HistoryAsync("r"));
        Assert.Contains("column 'checksum'", history.Message);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.ListRunsAsync());
        Assert.Single(await store.HistoryAsync("other"));
        // Every checkpoint of the run is damaged: the usable load refuses rather than start the run over.
        var none = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadLatestUsableAsync("r"));
        Assert.Contains("no undamaged checkpoint", none.Message);
        // Another run's damage is reported, not fatal.
        var other = await store.LoadLatestUsableAsync("other");
        Assert.Equal(5, other.Checkpoint!.Step);
        Assert.Equal("r", Assert.Single(other.Damaged).RunId);
    }

    [Fact]
    public async Task ACheckpointWithNullVectorsIsRefusedBeforeAnythingIsWritten()
    {
        var path = Path.Combine(_folder, "null.db");
        var store = new SqliteCheckpointStore(path);
        var before = File.ReadAllBytes(path);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Saved("r", 2, 2) with { Gradient = null! }));
        Assert.Contains("run 'r', step 2 has a null vector", e.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(Saved("r", 2, 2) with { Step = -1 }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Null(await store.LoadLatestAsync("r"));
    }

    [Fact]
    public async Task EmptyVectorsAndNullStopReasonsRoundTrip()
    {
        var store = new SqliteCheckpointStore(Path.Combine(_folder, "empty.db"));
        var c = new Checkpoint("r", 0, new[] { 1.0 }, double.NaN, Array.Empty<double>(), 0, OptimizerState.Empty("GradientDescent"), 0, -3, "", "", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(c);
        var back = (await store.LoadLatestAsync("r"))!;
        Assert.Empty(back.Gradient);
        Assert.True(double.IsNaN(back.Cost));
        Assert.Null(back.StopReason);
        Assert.Equal(-3, back.Seed);
    }

    /// <summary>A file as schema 1 wrote it: no vector counts, no checksums, optimiser vectors as name → base64.</summary>
    private static void WriteSchema1(string path, params Checkpoint[] rows)
    {
        Execute(path, """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('format', 'exactgrad-checkpoints'), ('schema', '1');
            CREATE TABLE checkpoints (
                run_id TEXT NOT NULL, step INTEGER NOT NULL, time TEXT NOT NULL, theta BLOB NOT NULL, cost INTEGER NOT NULL,
                gradient BLOB NOT NULL, shots INTEGER NOT NULL, optimizer_kind TEXT NOT NULL, optimizer_counter INTEGER NOT NULL,
                optimizer_vectors TEXT NOT NULL, sample_step INTEGER NOT NULL, seed INTEGER NOT NULL, backend TEXT NOT NULL,
                code_version TEXT NOT NULL, calm_steps INTEGER NOT NULL, stop_reason TEXT,
                PRIMARY KEY (run_id, step));
            """);
        static byte[] B(double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
        foreach (var c in rows)
            Execute(path, "INSERT INTO checkpoints VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                ("$1", c.RunId), ("$2", c.Step), ("$3", c.Time.ToString("O")), ("$4", B(c.Theta)), ("$5", BitConverter.DoubleToInt64Bits(c.Cost)),
                ("$6", B(c.Gradient)), ("$7", c.Shots), ("$8", c.Optimizer.Kind), ("$9", c.Optimizer.Counter),
                ("$10", JsonSerializer.Serialize(c.Optimizer.Vectors.ToDictionary(v => v.Key, v => Convert.ToBase64String(B(v.Value))))),
                ("$11", c.SampleStep), ("$12", c.Seed), ("$13", c.Backend), ("$14", c.CodeVersion), ("$15", c.CalmSteps), ("$16", (object?)c.StopReason ?? DBNull.Value));
    }

    [Fact]
    public async Task SchemaOneFilesAreRefusedUntilMigratedExplicitlyAndThenReadBitForBit()
    {
        var path = Path.Combine(_folder, "v1.db");
        var rows = new[] { Saved("a", 5, 3), Saved("a", 10, 3, stop: "done"), Saved("b", 2, 4) };
        WriteSchema1(path, rows);
        var original = File.ReadAllBytes(path);
        var refused = Assert.Throws<InvalidDataException>(() => new SqliteCheckpointStore(path));
        Assert.Contains("schema 1", refused.Message);
        Assert.Contains("MigrateAsync", refused.Message);
        Assert.Equal(original, File.ReadAllBytes(path));

        Assert.Equal(3, await SqliteCheckpointStore.MigrateAsync(path));
        Assert.Equal(original, File.ReadAllBytes(path + ".schema1.bak"));
        var store = new SqliteCheckpointStore(path);
        var history = await store.HistoryAsync("a");
        Assert.Equal(2, history.Count);
        foreach (var (saved, read) in rows.Take(2).Zip(history))
        {
            Assert.Equal(saved.Theta, read.Theta);
            Assert.Equal(saved.Gradient, read.Gradient);
            Assert.Equal(BitConverter.DoubleToInt64Bits(saved.Cost), BitConverter.DoubleToInt64Bits(read.Cost));
            Assert.Equal(saved.Optimizer.Vectors["m"], read.Optimizer.Vectors["m"]);
            Assert.Equal(saved.Optimizer.Vectors["v"], read.Optimizer.Vectors["v"]);
            Assert.Equal((saved.Optimizer.Counter, saved.SampleStep, saved.Seed, saved.Time, saved.StopReason),
                (read.Optimizer.Counter, read.SampleStep, read.Seed, read.Time, read.StopReason));
        }
        Assert.Equal(new[] { "a", "b" }, (await store.ListRunsAsync()).Select(r => r.RunId));
        Assert.Equal(0, await SqliteCheckpointStore.MigrateAsync(path));
    }

    [Fact]
    public async Task ADamagedSchemaOneRowStopsTheMigrationBeforeAnythingIsWritten()
    {
        var path = Path.Combine(_folder, "v1-bad.db");
        WriteSchema1(path, Saved("a", 5, 3));
        Execute(path, "UPDATE checkpoints SET theta = $v", ("$v", new byte[28]));
        var original = File.ReadAllBytes(path);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteCheckpointStore.MigrateAsync(path));
        Assert.Contains("run 'a', step 5, column 'theta'", e.Message);
        Assert.Contains("28 bytes", e.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".schema1.bak"));
    }

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

        using (var db = Open(path))
        {
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
