using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>
/// What a user sees in CI: `dotnet build` of a project that references the runtime, the generator and the
/// analyzers prints each ExactGrad diagnostic with file, line and column, and fails on the errors.
/// </summary>
public class BuildOutputTests
{
    private const string Mistakes = """
        using ExactGrad;
        using ExactGrad.Circuits;

        public static partial class Mistakes
        {
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.RY(theta[0], 0);
                c.CNOT(0, 2);
            }

            [Ansatz(Qubits = 1, Parameters = 2)]
            static void B(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
        }
        """;

    [Fact]
    public async Task Dotnet_build_reports_ExactGrad_errors_and_warnings_with_file_and_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "exactgrad-build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string bin = AppContext.BaseDirectory;
            // Empty props/targets stop MSBuild from importing anything above the temp folder.
            File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="ExactGrad" HintPath="{Path.Combine(bin, "ExactGrad.dll")}" />
                    <Analyzer Include="{Path.Combine(bin, "ExactGrad.Generators.dll")}" />
                    <Analyzer Include="{Path.Combine(bin, "ExactGrad.Analyzers.dll")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Mistakes.cs"), Mistakes);

            var start = new ProcessStartInfo("dotnet", "build -nologo -v:q -clp:NoSummary --disable-build-servers -p:UseSharedCompilation=false")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            string output = await stdout + await stderr;

            Assert.True(process.ExitCode != 0, output);
            Assert.True(output.Contains("Mistakes.cs(10,19): error EXG1004: Qubit 2 is out of range: 'A' declares 2 qubit(s)"), output);
            Assert.True(output.Contains("Mistakes.cs(13,25): warning EXG1003: 'B' declares 2 parameter(s) but never uses θ[1]; the gradient there is always 0"), output);
            Assert.DoesNotContain("AD0001", output);
            Assert.DoesNotContain("CS8032", output); // an analyzer that failed to load
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
