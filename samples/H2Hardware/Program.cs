using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Hardware;
using ExactGrad.Hardware.StandIn;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Simulation;
using H2Vqe;
using MathNet.Numerics.LinearAlgebra;

// H2 VQE on IBM Quantum's Sampler V2 through the Qiskit Runtime REST API. With IQP_RUNTIME_URL unset it
// starts the local stand-in of the provider (127.0.0.1, a free port) and runs there; with it set it runs on
// the account given by IQP_API_TOKEN, IQP_SERVICE_CRN and IQP_BACKEND (see the README).
const string HamiltonianText =
    "-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI" +
    " - 0.01128010425623538 ZZ + 0.18093119978423156 XX";
var hamiltonian = Observable.Parse(HamiltonianText);
var b = new CircuitBuilder(2, 4);
b.RY(b.Parameters[0], 0).RY(b.Parameters[1], 1).CNOT(0, 1).RY(b.Parameters[2], 0).RY(b.Parameters[3], 1);
var ansatz = b.Build();
var plan = ShiftPlan.Create(ansatz);

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
    async (theta, _, ct) => (await executor.GradientAsync(plan, hamiltonian, theta, ShotAllocation.Uniform(shots), cancellationToken: ct)).Result,
    new GradientDescent(learningRate: 1.0),
    rules,
    new TrainerOptions { Executor = executor, Backend = options.Backend, Progress = progress });
var result = await progress.RunAsync("H2 VQE on " + options.Backend, () => trainer.RunAsync("h2-hardware", new[] { 0.1, -0.2, 0.3, 0.1 }));

double final = StateVector.Run(ansatz.Bind(result.Theta)).Expectation(hamiltonian);
double ground = GroundEnergy(hamiltonian);
Console.WriteLine($"provider jobs: {backend.ProviderJobsSubmitted}, shots: {executor.Circuits.RunShots}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final energy (exact, at the trained parameters): {final:F6} Ha"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy (diagonalisation):          {ground:F6} Ha"));
// Shot noise limits the answer: within 5 mHa of the ground state passes.
return standIn is null || final - ground < 5e-3 ? 0 : 1;

static double GroundEnergy(Observable h)
{
    var x = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0, 1 }, { 1, 0 } });
    var y = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0, -Complex.ImaginaryOne }, { Complex.ImaginaryOne, 0 } });
    var z = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 1, 0 }, { 0, -1 } });
    var id = Matrix<Complex>.Build.DenseIdentity(2);
    Matrix<Complex> Letter(char c) => c switch { 'X' => x, 'Y' => y, 'Z' => z, _ => id };
    var m = Matrix<Complex>.Build.Dense(4, 4);
    foreach (var t in h.Terms) m += (Complex)t.Coefficient * Letter(t.Pauli[1]).KroneckerProduct(Letter(t.Pauli[0]));
    return m.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
}
