using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Snippets;

// Compiles every ```csharp block of README.md and docs/**/*.md against the packed ExactGrad packages, with the
// package's generator and analyzers, and runs the blocks that are programs. The fence words are in docs/README.md.
var clock = Stopwatch.StartNew();
string root = RepositoryRoot();
var files = new[] { Path.Combine(root, "README.md") }
    .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    .ToArray();
var blocks = files.SelectMany(f => CodeBlock.Read(f, Path.GetRelativePath(root, f).Replace('\\', '/'))).ToArray();

var toolchain = PackageToolchain.Load(Path.Combine(AppContext.BaseDirectory, "package-analyzers.txt"));
var context = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Context"), "*.cs").Order(StringComparer.Ordinal)
    .Select(f => ("Context/" + Path.GetFileName(f), File.ReadAllText(f))).ToArray();   // as copied next to this program
var check = new BlockCheck(toolchain, context, TimeSpan.FromSeconds(120));

// Compiling is independent per block and runs on every core; programs then run one at a time (they share Console).
var compiled = new (BlockResult Result, byte[]? Program)[blocks.Length];
Parallel.For(0, blocks.Length, i =>
{
    var earlier = blocks[..i].Where(b => b.File == blocks[i].File).ToArray();
    try { compiled[i] = check.Compile(blocks[i], earlier); }
    catch (Exception e) { compiled[i] = (new BlockResult(blocks[i], "FAILED", $"the checker threw {e}", TimeSpan.Zero), null); }
});
var results = compiled.Select(c => c.Program is null ? c.Result : check.Run(c.Result, c.Program)).ToArray();

foreach (var r in results)
{
    Console.WriteLine($"{r.Block.Where}: {r.Outcome} ({r.Elapsed.TotalSeconds:0.0} s)");
    if (r.Failure is not null)
        foreach (var line in r.Failure.Split('\n')) Console.WriteLine("    " + line);
}
int failed = results.Count(r => r.Failure is not null);
Console.WriteLine($"snippets: {results.Length - failed} of {results.Length} blocks passed ({results.Count(r => r.Block.Kind == BlockKind.Skip && r.Failure is null)} skipped by their fence) in {files.Length} files, {clock.Elapsed.TotalSeconds:0} s");
return failed == 0 && blocks.Length > 0 ? 0 : 1;

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ExactGrad.Codegen.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("The repository root (ExactGrad.Codegen.sln) was not found above " + AppContext.BaseDirectory);
}
