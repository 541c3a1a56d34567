using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Optimization;
using Microsoft.Data.Sqlite;

namespace ExactGrad.Checkpoints;

/// <summary>
/// Checkpoints of training runs in one SQLite file. Vectors are stored as raw IEEE-754 bytes, so a resumed
/// run sees exactly the numbers it saved. Every row carries the count of each vector and a SHA-256
/// checksum over all its stored values, and every read checks each column's type, each vector's exact
/// length, the optimiser state and the checksum: a damaged checkpoint is a
/// <see cref="InvalidDataException"/> (see <see cref="CheckpointErrors"/>) naming the file, run, step and column, never a resumed value.
/// Reads go through read-only connections, so a failed read never modifies the file. A file that is not an
/// ExactGrad checkpoint file (corrupt, or another program's database) is refused and left untouched; a file
/// of schema 1 (written before rows carried checksums) is refused until <see cref="MigrateAsync"/> upgrades it.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    /// <summary>The marker in the file's meta table.</summary>
    public const string Format = "exactgrad-checkpoints";

    /// <summary>The schema version this code writes and reads.</summary>
    public const int SchemaVersion = 2;

    private const string ChecksumDomain = "exactgrad-checkpoint-row-v2";

    /// <summary>The stored columns in order, each with its SQLite storage class (i integer, t text, b blob, n text or null).</summary>
    private static readonly (string Name, char Type)[] Columns =
    {
        ("run_id", 't'), ("step", 'i'), ("time", 't'), ("parameters", 'i'), ("theta", 'b'), ("cost", 'i'),
        ("gradient_length", 'i'), ("gradient", 'b'), ("shots", 'i'), ("optimizer_kind", 't'), ("optimizer_counter", 'i'),
        ("optimizer_vectors", 't'), ("sample_step", 'i'), ("seed", 'i'), ("backend", 't'), ("code_version", 't'),
        ("calm_steps", 'i'), ("stop_reason", 'n'), ("validation", 'm'), ("paused_by", 'n'),
    };

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => c.Name));

    private readonly string _connection;
    private readonly string _readOnly;

    /// <summary>Opens the checkpoint file at <paramref name="path"/>, creating it if it does not exist or is empty.</summary>
    /// <exception cref="InvalidDataException">The path is a directory, or the file is not an ExactGrad checkpoint file of this schema.</exception>
    public SqliteCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        // Pooling off: the file is released when each call ends (tests and users may move or delete it).
        _connection = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        _readOnly = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        if (Directory.Exists(Path))
            throw new InvalidDataException($"'{Path}' is a directory, not a checkpoint file; give the path of a file. Nothing was written.");
        if (File.Exists(Path) && new FileInfo(Path).Length > 0) Validate(Path, _readOnly, allowSchema1: false);
        else Create();
    }

    /// <summary>The full path of the checkpoint file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.RunId, nameof(checkpoint));
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint.Step, nameof(checkpoint));
        if (checkpoint.Theta is null || checkpoint.Gradient is null || checkpoint.Optimizer?.Vectors is null || checkpoint.Optimizer.Kind is null
            || checkpoint.Backend is null || checkpoint.CodeVersion is null || checkpoint.Optimizer.Vectors.Values.Any(v => v is null))
            throw new ArgumentException($"Checkpoint of run '{checkpoint.RunId}', step {checkpoint.Step} has a null vector, optimiser state or label; nothing was written.", nameof(checkpoint));
        if (checkpoint.CalmSteps < 0) throw new ArgumentOutOfRangeException(nameof(checkpoint), checkpoint.CalmSteps, "CalmSteps cannot be negative.");
        await using var db = await OpenAsync(_connection, cancellationToken).ConfigureAwait(false);
        await InsertAsync(db, null, "checkpoints", checkpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The latest checkpoint of the run, or null if the run has none. Every row of the file is checked, so a
    /// damaged row is found even when the damage moved it to another step or run.
    /// </summary>
    /// <exception cref="InvalidDataException">A checkpoint in the file is damaged (the first one found is named; <see cref="LoadLatestUsableAsync"/> passes over damaged ones).</exception>
    public async Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var rows = await ReadAllAsync(runId, cancellationToken).ConfigureAwait(false);
        ThrowIfDamaged(rows, runId);
        return rows.Where(r => r.Checkpoint?.RunId == runId).Select(r => r.Checkpoint).MaxBy(c => c!.Step);
    }

    /// <summary>
    /// The newest checkpoint of the run that passes every check, and every damaged checkpoint in the file
    /// passed over to find it (a damaged row's stored run id or step may itself be the damage, so damage
    /// anywhere in the file is reported). The trainer resumes through this, and its result says which step
    /// it used.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read at all, or every checkpoint stored for the run is damaged.</exception>
    public async Task<CheckpointLoad> LoadLatestUsableAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var rows = await ReadAllAsync(runId, cancellationToken).ConfigureAwait(false);
        var damaged = rows.Where(r => r.Damage is not null).Select(r => r.Damage!).ToArray();
        var best = rows.Where(r => r.Checkpoint?.RunId == runId).Select(r => r.Checkpoint).MaxBy(c => c!.Step);
        if (best is null && damaged.FirstOrDefault(d => d.RunId == runId) is { } only)
            throw CheckpointErrors.Damaged(Path, only.RunId, only.Step, only.Column,
                $"{only.Reason}; the run has no undamaged checkpoint to resume from ({damaged.Length} damaged in the file)");
        return new CheckpointLoad(best, damaged);
    }

    /// <summary>Every checkpoint of the run, in step order.</summary>
    /// <exception cref="InvalidDataException">A checkpoint of the run is damaged.</exception>
    public async Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var rows = (await ReadAllAsync(runId, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Checkpoint?.RunId == runId || r.Damage?.RunId == runId).ToArray();
        ThrowIfDamaged(rows, runId);
        return rows.Select(r => r.Checkpoint!).OrderBy(c => c.Step).ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A checkpoint in the file is damaged.</exception>
    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadAllAsync(null, cancellationToken).ConfigureAwait(false);
        ThrowIfDamaged(rows, null);
        return rows.Select(r => r.Checkpoint!).GroupBy(c => c.RunId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(c => c.Step)!).Select(c => new RunSummary(c.RunId, c.Step, c.Cost, c.Backend, c.Time)).ToArray();
    }

    /// <summary>
    /// Upgrades a checkpoint file of schema 1 (no vector counts, no checksums) to this schema in place. Every
    /// row is first read and checked (column types, vectors of whole IEEE-754 doubles, readable optimiser
    /// state and time); if any fails, nothing is written and the <see cref="InvalidDataException"/>
    /// names it. Otherwise the original is copied to <c>path + ".schema1.bak"</c> and the rows are rewritten
    /// with their counts and checksums in one transaction. The checksums vouch for the values from the
    /// migration on; schema 1 had nothing to check them against before.
    /// </summary>
    /// <param name="path">The schema-1 checkpoint file.</param>
    /// <param name="cancellationToken">Cancels before the file is written.</param>
    /// <returns>The number of checkpoints migrated; 0 for a file already of this schema.</returns>
    /// <exception cref="InvalidDataException">The file is not an ExactGrad checkpoint file of schema 1 or 2.</exception>
    /// <exception cref="IOException">The backup file already exists.</exception>
    public static async Task<int> MigrateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"No checkpoint file at '{full}'.", full);
        var readOnly = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        if (Validate(full, readOnly, allowSchema1: true) == SchemaVersion) return 0;

        var checkpoints = new List<Checkpoint>();
        await using (var db = await OpenAsync(readOnly, cancellationToken).ConfigureAwait(false))
        {
            var cmd = db.CreateCommand();
            cmd.CommandText = """
                SELECT run_id, step, time, theta, cost, gradient, shots, optimizer_kind, optimizer_counter, optimizer_vectors,
                       sample_step, seed, backend, code_version, calm_steps, stop_reason FROM checkpoints ORDER BY run_id, step
                """;
            try
            {
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) checkpoints.Add(ReadSchema1(full, r));
            }
            catch (SqliteException e)
            {
                throw CheckpointErrors.Damaged(full, null, null, null, $"SQLite could not read the schema-1 rows ({e.Message.TrimEnd('.')})", e);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var backup = full + ".schema1.bak";
        if (File.Exists(backup)) throw new IOException($"'{backup}' already exists; move it away before migrating '{full}' (nothing was written).");
        File.Copy(full, backup);
        var readWrite = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();
        await using (var db = await OpenAsync(readWrite, CancellationToken.None).ConfigureAwait(false))
        {
            await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = CreateTableSql("checkpoints_v2");
            await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var c in checkpoints) await InsertAsync(db, tx, "checkpoints_v2", c, CancellationToken.None).ConfigureAwait(false);
            cmd.CommandText = $"""
                DROP TABLE checkpoints;
                ALTER TABLE checkpoints_v2 RENAME TO checkpoints;
                UPDATE meta SET value = '{SchemaVersion}' WHERE key = 'schema';
                """;
            await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return checkpoints.Count;
    }

    private void ThrowIfDamaged(IEnumerable<Row> rows, string? runId)
    {
        if (rows.FirstOrDefault(r => r.Damage is not null)?.Damage is not { } d) return;
        var usable = runId is null ? "" : "; LoadLatestUsableAsync passes over damaged checkpoints and says which one it used";
        throw CheckpointErrors.Damaged(Path, d.RunId, d.Step, d.Column, d.Reason + usable);
    }

    private sealed record Row(Checkpoint? Checkpoint, DamagedCheckpoint? Damage);

    /// <summary>Every row of the file, each checked: a checkpoint, or what is wrong with it.</summary>
    private async Task<IReadOnlyList<Row>> ReadAllAsync(string? runId, CancellationToken ct)
    {
        try
        {
            await using var db = await OpenAsync(_readOnly, ct).ConfigureAwait(false);
            var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT {ColumnList}, checksum FROM checkpoints";
            var rows = new List<Row>();
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false)) rows.Add(Check(r));
            return rows;
        }
        catch (SqliteException e)
        {
            throw CheckpointErrors.Damaged(Path, runId, null, null, $"SQLite could not read the checkpoints ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Checks one row: every column's type, then each vector's length, the optimiser state and the time, then the checksum.</summary>
    private static Row Check(SqliteDataReader r)
    {
        var values = new object?[Columns.Length];
        for (int i = 0; i < Columns.Length; i++) values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
        var runId = values[0] as string ?? values[0]?.ToString() ?? "?";
        long? step = values[1] as long?;
        Row Bad(string column, string reason) => new(null, new DamagedCheckpoint(runId, step, column, reason));

        for (int i = 0; i < Columns.Length; i++)
        {
            var (name, type) = Columns[i];
            if (!HasStorage(type, values[i])) return Bad(name, $"expected {Storage(type)}, found {Describe(values[i])}");
        }
        var stored = r.IsDBNull(Columns.Length) ? null : r.GetValue(Columns.Length);
        if (stored is not byte[] checksum || checksum.Length != 32)
            return Bad("checksum", $"expected a 32-byte SHA-256 blob, found {Describe(stored)}");

        long parameters = (long)values[3]!, gradientLength = (long)values[6]!;
        var thetaBytes = (byte[])values[4]!;
        var gradientBytes = (byte[])values[7]!;
        if (parameters < 0 || parameters > int.MaxValue / 8) return Bad("parameters", $"{parameters} is not a parameter count");
        if (thetaBytes.Length != 8 * parameters) return Bad("theta", $"{thetaBytes.Length} bytes, but {parameters} parameters need exactly {8 * parameters}");
        if (gradientLength < 0 || gradientLength > int.MaxValue / 8) return Bad("gradient_length", $"{gradientLength} is not a vector length");
        if (gradientBytes.Length != 8 * gradientLength) return Bad("gradient", $"{gradientBytes.Length} bytes, but {gradientLength} values need exactly {8 * gradientLength}");
        if ((long)values[1]! < 0) return Bad("step", $"{values[1]} is negative");
        if ((long)values[13]! is < int.MinValue or > int.MaxValue) return Bad("seed", $"{values[13]} does not fit a 32-bit seed");
        if ((long)values[16]! is < 0 or > int.MaxValue) return Bad("calm_steps", $"{values[16]} is not a count of steps");
        if (!DateTimeOffset.TryParseExact((string)values[2]!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return Bad("time", $"'{values[2]}' is not a round-trip timestamp");
        Dictionary<string, double[]> vectors;
        try
        {
            vectors = ParseVectors((string)values[11]!);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or InvalidOperationException)
        {
            return Bad("optimizer_vectors", $"the optimiser state is not readable ({e.Message.TrimEnd('.')})");
        }
        DivergenceReason? pausedBy = null;
        if (values[19] is string paused)
        {
            if (!Enum.TryParse<DivergenceReason>(paused, ignoreCase: false, out var reason) || !Enum.IsDefined(reason) || paused.Any(char.IsDigit))
                return Bad("paused_by", $"'{paused}' is not a divergence reason");
            pausedBy = reason;
        }
        if (!Hash(values).AsSpan().SequenceEqual(checksum))
            return Bad("checksum", "the stored values do not match the row's SHA-256 checksum (a value was changed after it was written)");

        var checkpoint = new Checkpoint(runId, (long)values[1]!, Doubles(thetaBytes), BitConverter.Int64BitsToDouble((long)values[5]!), Doubles(gradientBytes),
            (long)values[8]!, new OptimizerState((string)values[9]!, (long)values[10]!, vectors), (long)values[12]!, (int)(long)values[13]!,
            (string)values[14]!, (string)values[15]!, time)
        {
            CalmSteps = (int)(long)values[16]!,
            StopReason = (string?)values[17],
            Validation = values[18] is long validation ? BitConverter.Int64BitsToDouble(validation) : null,
            PausedBy = pausedBy,
        };
        return new Row(checkpoint, null);
    }

    /// <summary>The optimiser's vectors: a JSON object of name → { "length": n, "bytes": base64 of exactly 8n bytes }.</summary>
    private static Dictionary<string, double[]> ParseVectors(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"expected a JSON object, found {doc.RootElement.ValueKind}");
        var vectors = new Dictionary<string, double[]>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object || !p.Value.TryGetProperty("length", out var length) || !p.Value.TryGetProperty("bytes", out var bytes))
                throw new InvalidDataException($"vector '{p.Name}' is not {{\"length\", \"bytes\"}}");
            if (!length.TryGetInt32(out int n) || n < 0 || n > int.MaxValue / 8) throw new InvalidDataException($"vector '{p.Name}' has length {length.GetRawText()}");
            var raw = Convert.FromBase64String(bytes.GetString() ?? "");
            if (raw.Length != 8 * n) throw new InvalidDataException($"vector '{p.Name}' has {raw.Length} bytes, but {n} values need exactly {8 * n}");
            if (!vectors.TryAdd(p.Name, Doubles(raw))) throw new InvalidDataException($"vector '{p.Name}' appears twice");
        }
        return vectors;
    }

    private static string Vectors(OptimizerState state) =>
        JsonSerializer.Serialize(state.Vectors.ToDictionary(v => v.Key, v => new StoredVector(v.Value.Length, Convert.ToBase64String(Bytes(v.Value)))),
            CheckpointJson.Default.DictionaryStringStoredVector);

    /// <summary>The values stored for a checkpoint, in column order.</summary>
    private static object?[] Values(Checkpoint c) =>
    [
        c.RunId, c.Step, c.Time.ToString("O", CultureInfo.InvariantCulture), (long)c.Theta.Length, Bytes(c.Theta), BitConverter.DoubleToInt64Bits(c.Cost),
        (long)c.Gradient.Length, Bytes(c.Gradient), c.Shots, c.Optimizer.Kind, c.Optimizer.Counter, Vectors(c.Optimizer), c.SampleStep, (long)c.Seed,
        c.Backend, c.CodeVersion, (long)c.CalmSteps, c.StopReason,
        c.Validation is double v ? BitConverter.DoubleToInt64Bits(v) : null, c.PausedBy?.ToString(),
    ];

    /// <summary>SHA-256 over a tagged, length-prefixed encoding of the values, so no two rows' values share an encoding.</summary>
    private static byte[] Hash(object?[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(ChecksumDomain));
        Span<byte> head = stackalloc byte[9];
        foreach (var value in values)
        {
            ReadOnlySpan<byte> body = value switch
            {
                byte[] b => b,
                string s => Encoding.UTF8.GetBytes(s),
                _ => ReadOnlySpan<byte>.Empty,
            };
            head[0] = value switch { long => (byte)'i', string => (byte)'t', byte[] => (byte)'b', _ => (byte)'n' };
            BinaryPrimitives.WriteInt64LittleEndian(head[1..], value is long l ? l : body.Length);
            hash.AppendData(head);
            hash.AppendData(body);
        }
        return hash.GetHashAndReset();
    }

    private static async Task InsertAsync(SqliteConnection db, SqliteTransaction? tx, string table, Checkpoint checkpoint, CancellationToken ct)
    {
        var values = Values(checkpoint);
        var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT OR REPLACE INTO {table} ({ColumnList}, checksum) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))}, $checksum)";
        for (int i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue("$p" + i, values[i] ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$checksum", Hash(values));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string CreateTableSql(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            run_id TEXT NOT NULL, step INTEGER NOT NULL, time TEXT NOT NULL, parameters INTEGER NOT NULL, theta BLOB NOT NULL,
            cost INTEGER NOT NULL, gradient_length INTEGER NOT NULL, gradient BLOB NOT NULL, shots INTEGER NOT NULL,
            optimizer_kind TEXT NOT NULL, optimizer_counter INTEGER NOT NULL, optimizer_vectors TEXT NOT NULL,
            sample_step INTEGER NOT NULL, seed INTEGER NOT NULL, backend TEXT NOT NULL, code_version TEXT NOT NULL,
            calm_steps INTEGER NOT NULL, stop_reason TEXT, validation INTEGER, paused_by TEXT, checksum BLOB NOT NULL,
            PRIMARY KEY (run_id, step));
        """;

    private void Create()
    {
        try
        {
            using var db = new SqliteConnection(_connection);
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = $"""
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR REPLACE INTO meta VALUES ('format', '{Format}'), ('schema', '{SchemaVersion}');
                {CreateTableSql("checkpoints")}
                """;
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new IOException($"Could not create the checkpoint file '{Path}' ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>Reads the marker through a read-only connection, so a foreign or corrupt file is never written; returns the schema.</summary>
    private static int Validate(string path, string readOnly, bool allowSchema1)
    {
        string? format = null, schema = null;
        try
        {
            using var db = new SqliteConnection(readOnly);
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT key, value FROM meta WHERE key IN ('format', 'schema')";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (r.GetValue(0) as string == "format") format = r.GetValue(1) as string;
                else schema = r.GetValue(1) as string;
            }
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"'{path}' is not an ExactGrad checkpoint file ({e.Message.TrimEnd('.')}); it was left untouched.", e);
        }
        if (format != Format)
            throw new InvalidDataException($"'{path}' is a SQLite database but not an ExactGrad checkpoint file (no '{Format}' marker); it was left untouched.");
        if (schema == "1" && allowSchema1) return 1;
        if (schema == "1")
            throw new InvalidDataException($"'{path}' has checkpoint schema 1, written before checkpoints carried vector counts and checksums; it was left untouched. "
                + $"SqliteCheckpointStore.MigrateAsync(path) upgrades it to schema {SchemaVersion} after checking every row (the original is kept beside it as .schema1.bak).");
        if (schema != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"'{path}' has checkpoint schema {schema}; this version reads schema {SchemaVersion}. It was left untouched.");
        return SchemaVersion;
    }

    /// <summary>One schema-1 row, checked for what schema 1 allows checking: types, whole doubles, readable JSON and time.</summary>
    private static Checkpoint ReadSchema1(string file, SqliteDataReader r)
    {
        var v = new object?[16];
        for (int i = 0; i < v.Length; i++) v[i] = r.IsDBNull(i) ? null : r.GetValue(i);
        var runId = v[0] as string ?? v[0]?.ToString() ?? "?";
        long? step = v[1] as long?;
        string[] names = { "run_id", "step", "time", "theta", "cost", "gradient", "shots", "optimizer_kind", "optimizer_counter", "optimizer_vectors",
            "sample_step", "seed", "backend", "code_version", "calm_steps", "stop_reason" };
        const string types = "titbibititiittin";
        InvalidDataException Bad(int column, string reason) => CheckpointErrors.Damaged(file, runId, step, names[column], reason + " (schema-1 row; migration stopped before writing)");
        for (int i = 0; i < v.Length; i++)
        {
            if (!HasStorage(types[i], v[i])) throw Bad(i, $"expected {Storage(types[i])}, found {Describe(v[i])}");
        }
        foreach (int i in new[] { 3, 5 })
            if (((byte[])v[i]!).Length % 8 != 0) throw Bad(i, $"{((byte[])v[i]!).Length} bytes is not a whole number of 8-byte doubles");
        if ((long)v[11]! is < int.MinValue or > int.MaxValue) throw Bad(11, $"{v[11]} does not fit a 32-bit seed");
        if ((long)v[14]! is < 0 or > int.MaxValue) throw Bad(14, $"{v[14]} is not a count of steps");
        if (!DateTimeOffset.TryParseExact((string)v[2]!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw Bad(2, $"'{v[2]}' is not a round-trip timestamp");
        Dictionary<string, double[]> vectors;
        try
        {
            vectors = (JsonSerializer.Deserialize((string)v[9]!, CheckpointJson.Default.DictionaryStringString) ?? throw new InvalidDataException("null"))
                .ToDictionary(p => p.Key, p =>
                {
                    var raw = Convert.FromBase64String(p.Value);
                    return raw.Length % 8 == 0 ? Doubles(raw) : throw new InvalidDataException($"vector '{p.Key}' has {raw.Length} bytes, not whole doubles");
                });
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
        {
            throw Bad(9, $"the optimiser state is not readable ({e.Message.TrimEnd('.')})");
        }
        return new Checkpoint(runId, (long)v[1]!, Doubles((byte[])v[3]!), BitConverter.Int64BitsToDouble((long)v[4]!), Doubles((byte[])v[5]!), (long)v[6]!,
            new OptimizerState((string)v[7]!, (long)v[8]!, vectors), (long)v[10]!, (int)(long)v[11]!, (string)v[12]!, (string)v[13]!, time)
        {
            CalmSteps = (int)(long)v[14]!,
            StopReason = (string?)v[15],
        };
    }

    /// <summary>Whether a stored value has the column's storage type ('i' INTEGER, 't' TEXT, 'b' BLOB, 'm' INTEGER or NULL, 'n' TEXT or NULL).</summary>
    private static bool HasStorage(char type, object? value) => type switch
    {
        'i' => value is long,
        't' => value is string,
        'b' => value is byte[],
        'm' => value is null or long,
        _ => value is null or string,
    };

    private static string Storage(char type) => type switch { 'i' => "an INTEGER", 't' => "TEXT", 'b' => "a BLOB", 'm' => "an INTEGER or NULL", _ => "TEXT or NULL" };

    private static string Describe(object? value) => value switch
    {
        null => "NULL",
        long l => $"INTEGER {l}",
        double d => $"REAL {d.ToString("R", CultureInfo.InvariantCulture)}",
        string s => $"TEXT '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        byte[] b => $"a BLOB of {b.Length} bytes",
        _ => value.GetType().Name,
    };

    private static async Task<SqliteConnection> OpenAsync(string connection, CancellationToken ct)
    {
        var db = new SqliteConnection(connection);
        await db.OpenAsync(ct).ConfigureAwait(false);
        return db;
    }

    private static byte[] Bytes(double[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static double[] Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes).ToArray();
}
