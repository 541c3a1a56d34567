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
// Redis for membership and durable step results. The run must end with exactly the parameters of the
// same run in one process (results do not depend on which silo ran a circuit).
string? given = Environment.GetEnvironmentVariable("REDIS");   // host:port of a running Redis
await using var own = given is null ? await StartRedisAsync() : null;
string redis = given ?? own!.Endpoint;
Console.WriteLine($"Redis: {redis}{(own is null ? "" : " (started for this run)")}");

var silos = new[] { await ClusterNodes.StartSiloAsync(redis, 11111, 30000, seed: 3), await ClusterNodes.StartSiloAsync(redis, 11112, 30001, seed: 3) };
using var clientHost = await ClusterNodes.StartClientAsync(redis);
var client = ClusterNodes.Client(clientHost);
var backend = await ClusterBackend.ConnectAsync(client);
Console.WriteLine($"cluster: {silos.Length} silos, backend \"{backend.Capabilities.Name}\"");

var shots = ShotAllocation.Uniform(2000);
async System.Threading.Tasks.Task<TrainingResult> Train(IQuantumBackend on, string run, IStepStore? store)
{
    var executor = new GradientExecutor(on, new ExecutionOptions { MaxConcurrentJobs = 4, StepStore = store, RunId = store is null ? null : run });
    var trainer = new Trainer((theta, _, ct) => H2Problem.EnergyWithGradientAsync(theta, executor, shots, ct),
        new GradientDescent(learningRate: 0.4), new StoppingRules(MaxSteps: 100), new TrainerOptions { Executor = executor });
    return await trainer.RunAsync(run, new[] { 0.1, -0.2, 0.3, 0.1 });
}

var clustered = await Train(backend, "h2-cluster", new ClusterStepStore(client));
var local = await Train(new SimulatorBackend(seed: 3), "h2-local", null);
bool same = clustered.Theta.SequenceEqual(local.Theta);
double exact = H2Problem.ExactGroundEnergy();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: {clustered.Steps} steps, energy {H2Problem.Energy(clustered.Theta):F6} Ha (exact ground {exact:F6} Ha)"));
Console.WriteLine($"parameters equal to the one-process run bit for bit: {same}");

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
