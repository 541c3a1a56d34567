using System;
using System.Globalization;
using ExactGrad.Execution;
using ExactGrad.Hardware;
using ExactGrad.Hardware.StandIn;
using ExactGrad.Optimization;
using H2Vqe;

// H2 VQE on IBM Quantum's Sampler V2 through the Qiskit Runtime REST API, with the main sample's [Ansatz] and
// [Cost] (H2Problem.cs): the generated EnergyWithGradientAsync runs the cost's plan on the provider. With
// IQP_RUNTIME_URL unset it starts the local stand-in of the provider (127.0.0.1, a free port) and runs there;
// with it set it runs on the account given by IQP_API_TOKEN, IQP_SERVICE_CRN and IQP_BACKEND (see docs/hardware.md),
// or on a stand-in started with `dotnet run --project tools/ExactGrad.Hardware.StandIn` (which also sets IQP_IAM_URL).
string? url = Environment.GetEnvironmentVariable("IQP_RUNTIME_URL");
await using var standIn = string.IsNullOrWhiteSpace(url) ? await IbmRuntimeStandIn.StartAsync() : null;
var options = standIn is not null
    ? new IbmRuntimeOptions
    {
        BaseUrl = standIn.BaseUrl, IamUrl = standIn.IamUrl, ApiKey = standIn.ApiKey, ServiceCrn = standIn.ServiceCrn,
        Backend = "standin_simulator", SimulatorSeed = 7, PollInterval = TimeSpan.FromMilliseconds(20),
    }
    : new IbmRuntimeOptions   // API key and CRN from IQP_API_TOKEN and IQP_SERVICE_CRN
    {
        BaseUrl = new Uri(url!),
        Backend = Environment.GetEnvironmentVariable("IQP_BACKEND") ?? throw new InvalidOperationException("Set IQP_BACKEND to the backend to run on (e.g. ibm_brisbane)."),
        IamUrl = Environment.GetEnvironmentVariable("IQP_IAM_URL") is { Length: > 0 } iam ? new Uri(iam) : new IbmRuntimeOptions().IamUrl,
    };
Console.WriteLine(standIn is not null
    ? $"No IQP_RUNTIME_URL: running on the local stand-in of IBM Quantum at {standIn.BaseUrl}"
    : $"Running on IBM Quantum at {options.BaseUrl}, backend {options.Backend}");

using var backend = new IbmRuntimeBackend(options);
var executor = new GradientExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 1 });
int shots = standIn is not null ? 4000 : 1000;
int steps = standIn is not null ? 60 : 10;   // a real account pays for every job: keep the default run short
var rules = new StoppingRules(MaxSteps: steps);
var progress = new ConsoleProgress(rules, executor, every: 5, costName: "energy (shot estimate)");
var trainer = new Trainer(
    (theta, _, ct) => H2Problem.EnergyWithGradientAsync(theta, executor, ShotAllocation.Uniform(shots), ct),
    new GradientDescent(learningRate: 1.0),
    rules,
    new TrainerOptions { Executor = executor, Backend = options.Backend, Progress = progress });
var result = await progress.RunAsync("H2 VQE on " + options.Backend, () => trainer.RunAsync("h2-hardware", new[] { 0.1, -0.2, 0.3, 0.1 }));

double final = H2Problem.Energy(result.Theta);   // the generated cost on the exact simulator
double ground = H2Problem.ExactGroundEnergy();
Console.WriteLine($"provider jobs: {backend.ProviderJobsSubmitted}, shots: {executor.Circuits.RunShots}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final energy (exact, at the trained parameters): {final:F6} Ha"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy (diagonalisation):          {ground:F6} Ha"));
// Shot noise limits the answer: within 5 mHa of the ground state passes.
return standIn is null || final - ground < 5e-3 ? 0 : 1;
