using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>
/// Entry point. Without <c>--smoke</c> the arguments go to BenchmarkDotNet's switcher (for example
/// <c>--filter *MatMul*</c>); with <c>--smoke</c> every benchmark method runs once on its smallest parameters.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return SmokeRunner.Run(typeof(Program).Assembly, Console.Out) == 0 ? 0 : 1;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
