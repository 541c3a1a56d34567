using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Optimization;
using Microsoft.Data.Sqlite;

namespace ExactGrad.Checkpoints;

/// <summary>
/// Checkpoints of training runs in one SQLite file. Vectors are stored as raw IEEE-754 bytes, so a resumed
/// run sees exactly the numbers it saved. A file that is not an ExactGrad checkpoint file (corrupt, or
/// another program's database) is refused with a clear error and left untouched.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    /// <summary>The marker in the file's meta table, and the schema version this code writes.</summary>
    public const string Format = "exactgrad-checkpoints";
    public const int SchemaVersion = 1;

    private readonly string _connection;

    public SqliteCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        // Pooling off: the file is released when each call ends (tests and users may move or delete it).
        _connection = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        if (File.Exists(Path) && new FileInfo(Path).Length > 0) Validate();
        else Create();
    }

    public string Path { get; }

    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var cmd = db.CreateCommand();
        cmd.CommandText = """
            INSERT OR REPLACE INTO checkpoints
                (run_id, step, time, theta, cost, gradient, shots, optimizer_kind, optimizer_counter, optimizer_vectors,
                 sample_step, seed, backend, code_version, calm_steps, stop_reason)
            VALUES ($run, $step, $time, $theta, $cost, $gradient, $shots, $kind, $counter, $vectors,
                 $sample, $seed, $backend, $version, $calm, $reason)
            """;
        cmd.Parameters.AddWithValue("$run", checkpoint.RunId);
        cmd.Parameters.AddWithValue("$step", checkpoint.Step);
        cmd.Parameters.AddWithValue("$time", checkpoint.Time.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$theta", Bytes(checkpoint.Theta));
        cmd.Parameters.AddWithValue("$cost", BitConverter.DoubleToInt64Bits(checkpoint.Cost));
        cmd.Parameters.AddWithValue("$gradient", Bytes(checkpoint.Gradient));
        cmd.Parameters.AddWithValue("$shots", checkpoint.Shots);
        cmd.Parameters.AddWithValue("$kind", checkpoint.Optimizer.Kind);
        cmd.Parameters.AddWithValue("$counter", checkpoint.Optimizer.Counter);
        cmd.Parameters.AddWithValue("$vectors", JsonSerializer.Serialize(checkpoint.Optimizer.Vectors.ToDictionary(v => v.Key, v => Convert.ToBase64String(Bytes(v.Value)))));
        cmd.Parameters.AddWithValue("$sample", checkpoint.SampleStep);
        cmd.Parameters.AddWithValue("$seed", checkpoint.Seed);
        cmd.Parameters.AddWithValue("$backend", checkpoint.Backend);
        cmd.Parameters.AddWithValue("$version", checkpoint.CodeVersion);
        cmd.Parameters.AddWithValue("$calm", checkpoint.CalmSteps);
        cmd.Parameters.AddWithValue("$reason", (object?)checkpoint.StopReason ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE run_id = $run ORDER BY step DESC LIMIT 1", runId, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("WHERE run_id = $run ORDER BY step", runId, cancellationToken);

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT c.run_id, c.step, c.cost, c.backend, c.time FROM checkpoints c
            WHERE c.step = (SELECT MAX(step) FROM checkpoints WHERE run_id = c.run_id) ORDER BY c.run_id
            """;
        var runs = new List<RunSummary>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            runs.Add(new RunSummary(reader.GetString(0), reader.GetInt64(1), BitConverter.Int64BitsToDouble(reader.GetInt64(2)), reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        return runs;
    }

    private async Task<IReadOnlyList<Checkpoint>> QueryAsync(string where, string runId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT run_id, step, time, theta, cost, gradient, shots, optimizer_kind, optimizer_counter, optimizer_vectors,
                   sample_step, seed, backend, code_version, calm_steps, stop_reason FROM checkpoints
            """ + " " + where;
        cmd.Parameters.AddWithValue("$run", runId);
        var list = new List<Checkpoint>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var vectors = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(9))!
                .ToDictionary(v => v.Key, v => Doubles(Convert.FromBase64String(v.Value)));
            list.Add(new Checkpoint(r.GetString(0), r.GetInt64(1), Doubles((byte[])r[3]), BitConverter.Int64BitsToDouble(r.GetInt64(4)), Doubles((byte[])r[5]),
                r.GetInt64(6), new OptimizerState(r.GetString(7), r.GetInt64(8), vectors), r.GetInt64(10), r.GetInt32(11), r.GetString(12), r.GetString(13),
                DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture))
            {
                CalmSteps = r.GetInt32(14),
                StopReason = r.IsDBNull(15) ? null : r.GetString(15),
            });
        }
        return list;
    }

    private void Create()
    {
        using var db = new SqliteConnection(_connection);
        db.Open();
        var cmd = db.CreateCommand();
        cmd.CommandText = $"""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR REPLACE INTO meta VALUES ('format', '{Format}'), ('schema', '{SchemaVersion}');
            CREATE TABLE IF NOT EXISTS checkpoints (
                run_id TEXT NOT NULL, step INTEGER NOT NULL, time TEXT NOT NULL, theta BLOB NOT NULL, cost INTEGER NOT NULL,
                gradient BLOB NOT NULL, shots INTEGER NOT NULL, optimizer_kind TEXT NOT NULL, optimizer_counter INTEGER NOT NULL,
                optimizer_vectors TEXT NOT NULL, sample_step INTEGER NOT NULL, seed INTEGER NOT NULL, backend TEXT NOT NULL,
                code_version TEXT NOT NULL, calm_steps INTEGER NOT NULL, stop_reason TEXT,
                PRIMARY KEY (run_id, step));
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Reads the marker through a read-only connection, so a foreign or corrupt file is never written.</summary>
    private void Validate()
    {
        string? format = null, schema = null;
        try
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var db = new SqliteConnection(readOnly);
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT key, value FROM meta WHERE key IN ('format', 'schema')";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (r.GetString(0) == "format") format = r.GetString(1);
                else schema = r.GetString(1);
            }
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"'{Path}' is not an ExactGrad checkpoint file ({e.Message.TrimEnd('.')}); it was left untouched.", e);
        }
        if (format != Format)
            throw new InvalidDataException($"'{Path}' is a SQLite database but not an ExactGrad checkpoint file (no '{Format}' marker); it was left untouched.");
        if (schema != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"'{Path}' has checkpoint schema {schema}; this version reads schema {SchemaVersion}. It was left untouched.");
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var db = new SqliteConnection(_connection);
        await db.OpenAsync(ct).ConfigureAwait(false);
        return db;
    }

    private static byte[] Bytes(double[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static double[] Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes).ToArray();
}
