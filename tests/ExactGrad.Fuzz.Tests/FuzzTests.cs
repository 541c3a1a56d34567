using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Fuzz.Tests;

/// <summary>
/// Mutants of the project's own test sources and samples, each driven through the generator, the
/// analyzers and the code fixes (<see cref="FuzzRunner"/>). CI runs a fixed-seed subset of 1,000; the
/// long run is the same test with EXACTGRAD_FUZZ_MUTANTS (and optionally EXACTGRAD_FUZZ_SEED) set:
/// <c>EXACTGRAD_FUZZ_MUTANTS=10000 dotnet test tests/ExactGrad.Fuzz.Tests -c Release --logger "console;verbosity=detailed"</c>.
/// The figures (counts, median and p99 time per mutant) are printed and written to artifacts/fuzz/last-run.txt.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int CiMutants = 1000;
    private const int CiSeed = 20261201;

    [Fact]
    public void MutatedSourcesNeverBreakTheGeneratorAnalyzersOrCodeFixesAndNeverGiveAResultOtherThanTheUsersMethods()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("EXACTGRAD_FUZZ_MUTANTS"), out int n) && n > 0 ? n : CiMutants;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("EXACTGRAD_FUZZ_SEED"), out int s) ? s : CiSeed;
        var corpus = Corpus.All;
        Assert.True(corpus.Count >= 50, $"only {corpus.Count} seeds found; the corpus extraction is broken");
        var mutator = new Mutator(corpus, seed);
        var results = new ConcurrentBag<FuzzRunner.Result>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results.Add(FuzzRunner.Run(mutator.Create(i))));
        clock.Stop();

        var times = results.Select(r => r.Elapsed.TotalMilliseconds).OrderBy(t => t).ToArray();
        double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        var failed = results.Where(r => r.Findings.Count > 0).OrderBy(r => r.Index).ToList();
        var byKind = failed.SelectMany(r => r.Findings.Select(f => f.Kind).Distinct()).GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        string report = string.Join(Environment.NewLine, new[]
        {
            $"seed {seed}, {count} mutants of {corpus.Count} seed sources, {Environment.ProcessorCount} workers, {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s in all",
            $"compiling mutants: {results.Count(r => r.Compiles)}; generated circuits and costs compared with the user's methods: {results.Sum(r => r.Compared)} (in {results.Count(r => r.Compared > 0)} mutants)",
            $"time per mutant: median {Percentile(0.5).ToString("F0", CultureInfo.InvariantCulture)} ms, p99 {Percentile(0.99).ToString("F0", CultureInfo.InvariantCulture)} ms, max {times[^1].ToString("F0", CultureInfo.InvariantCulture)} ms",
            $"mutants with findings: {failed.Count}" + string.Concat(byKind.Select(g => $"{Environment.NewLine}  {g.Key}: {g.Count()}")),
        }.Concat(results.OrderByDescending(r => r.Elapsed).Take(5).Select(r => $"slowest: mutant {r.Index}, {r.Elapsed.TotalMilliseconds:F0} ms ({r.Steps}) {r.Description}"))
         .Concat(failed.Take(20).Select(r => $"--- mutant {r.Index} ({r.Description}){Environment.NewLine}{string.Join(Environment.NewLine, r.Findings.Select(f => $"{f.Kind}: {Shorten(f.Detail)}"))}")));
        output.WriteLine(report);
        string folder = Path.Combine(Corpus.RepositoryRoot, "artifacts", "fuzz");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "last-run.txt"), report + Environment.NewLine);
        Assert.True(failed.Count == 0, report);
    }

    private static string Shorten(string s) => s.Length <= 1500 ? s : s.Substring(0, 1500) + "…";
}
