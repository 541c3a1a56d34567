using System;
using System.Globalization;
using System.Linq;
using ClusterVqe;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGrad.Orleans;
using H2Vqe;

// The H2 VQE of the main sample, its circuits run by two Orleans silos on this machine that share a
// Redis for membership, durable step results and training runs. Trained twice on the cluster (the client
// driving the loop, then the loop as a run grain on a silo), it must end both times with exactly the
// parameters of the same run in one process (results do not depend on which silo ran a circuit).
string? given = Environment.GetEnvironmentVariable("REDIS") is { Length: > 0 } r ? r : null;   // host:port of a running Redis
await using var own = given is null ? await StartRedisAsync() : null;
string redis = given ?? own!.Endpoint;
Console.WriteLine($"Redis: {redis}{(own is null ? "" : " (started for this run)")}");

var silos = new[] { await ClusterNodes.StartSiloAsync(redis, 11111, 30000, seed: 3), await ClusterNodes.StartSiloAsync(redis, 11112, 30001, seed: 3) };
using var clientHost = await ClusterNodes.StartClientAsync(redis);
var client = ClusterNodes.Client(clientHost);
var backend = await ClusterBackend.ConnectAsync(client);
Console.WriteLine($"cluster: {silos.Length} silos, backend \"{backend.Capabilities.Name}\"");

// 1. The client drives the training loop; each step's circuits run on the silos and its finished results are kept in Redis.
var clustered = await H2Training.RunHereAsync(H2Training.On(backend, "h2-cluster", new ClusterStepStore(client)), "h2-cluster");
// 2. The training run itself is a grain on a silo: the client starts it, watches it and could exit and re-attach.
var runs = new TrainingRuns(client);
string runId = $"h2-grain-{DateTime.UtcNow:yyyyMMddHHmmss}";
await runs.StartAsync(runId, H2Training.Name, H2Training.Start);
TrainingRunStatus grain = null!;
await foreach (var status in runs.WatchAsync(runId, TimeSpan.FromMilliseconds(200)))
{
    grain = status;
    if (status.Step % 25 == 0 && double.IsFinite(status.Cost) || status.Ended)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {runId} on {status.Silo}: step {status.Step}, measured energy {status.Cost:F6} Ha, {status.State}"));
}
// 3. The same run in one process, for comparison.
var local = await H2Training.RunHereAsync(H2Training.On(new SimulatorBackend(seed: 3), "h2-local"), "h2-local");
bool same = clustered.Theta.SequenceEqual(local.Theta) && grain.State == TrainingRunState.Completed && grain.Theta!.SequenceEqual(local.Theta);
double exact = H2Problem.ExactGroundEnergy();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: {clustered.Steps} steps, energy {H2Problem.Energy(clustered.Theta):F6} Ha (exact ground {exact:F6} Ha)"));
Console.WriteLine($"parameters equal to the one-process run bit for bit (client loop and run grain): {same}");

foreach (var silo in silos) { await silo.StopAsync(); silo.Dispose(); }
return same ? 0 : 1;

static async System.Threading.Tasks.Task<LocalRedis?> StartRedisAsync()
{
    try
    {
        return await LocalRedis.StartAsync();
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"{e.Message}\nOr point REDIS at a running server: REDIS=127.0.0.1:6379 dotnet run --project samples/ClusterVqe -c Release");
        Environment.Exit(2);
        return null;
    }
}
