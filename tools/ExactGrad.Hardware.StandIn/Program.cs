using System;
using System.Globalization;
using System.Threading;
using ExactGrad.Hardware.StandIn;

// Runs the stand-in until Ctrl+C and prints the environment that points IbmRuntimeBackend clients (the
// H2Hardware sample among them) at it. Usage: dotnet run --project tools/ExactGrad.Hardware.StandIn [-- --port N]
int port = 0;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length
        && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535)
    {
        i++;
        continue;
    }
    Console.Error.WriteLine($"Unknown or malformed argument '{args[i]}'. Usage: ExactGrad.Hardware.StandIn [--port N]  (N from 0, a free port, to 65535)");
    return 2;
}

await using var standIn = await IbmRuntimeStandIn.StartAsync(port: port);
Console.WriteLine($"IBM Quantum stand-in listening on {standIn.BaseUrl} (Ctrl+C stops it). To run a client against it:");
Console.WriteLine($"export IQP_RUNTIME_URL={standIn.BaseUrl}");
Console.WriteLine($"export IQP_IAM_URL={standIn.IamUrl}");
Console.WriteLine($"export IQP_API_TOKEN={standIn.ApiKey}");
Console.WriteLine($"export IQP_SERVICE_CRN='{standIn.ServiceCrn}'");
Console.WriteLine("export IQP_BACKEND=standin_simulator");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try { await System.Threading.Tasks.Task.Delay(Timeout.Infinite, stop.Token); }
catch (OperationCanceledException) { }
return 0;
