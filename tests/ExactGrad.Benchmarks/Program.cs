using BenchmarkDotNet.Running;

namespace ExactGrad.Benchmarks;

public static class Program
{
    /// <summary>The BenchmarkDotNet switcher; <c>warm-up-curve</c> runs <see cref="WarmUpCurve"/> instead.</summary>
    public static void Main(string[] args)
    {
        if (args is ["warm-up-curve"]) WarmUpCurve.Run();
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
