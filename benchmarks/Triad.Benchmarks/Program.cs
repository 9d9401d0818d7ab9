using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>
/// Entry point. Without <c>--smoke</c> the arguments go to BenchmarkDotNet's switcher (for example
/// <c>--filter *MatMul*</c>); with <c>--smoke</c> every benchmark method runs once on its smallest parameters;
/// <c>--mesh-ratio [rounds] [threads]</c> measures the mesh-against-dense ratios in one process (<see cref="MeshRatioRunner"/>);
/// <c>--gate-ratio [rounds] [qubits]</c> the single-qubit gates against the in-place pass (<see cref="GateRatioRunner"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return SmokeRunner.Run(typeof(Program).Assembly, Console.Out) == 0 ? 0 : 1;
        }
        int ratio = Array.IndexOf(args, "--mesh-ratio");
        if (ratio >= 0)
        {
            int rounds = args.Length > ratio + 1 && int.TryParse(args[ratio + 1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int r) && r >= 1 ? r : 3;
            int threads = args.Length > ratio + 2 && int.TryParse(args[ratio + 2], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int t) && t >= 1 ? t : 1;
            MeshRatioRunner.Run(rounds, threads, Console.Out);
            return 0;
        }
        int gate = Array.IndexOf(args, "--gate-ratio");
        if (gate >= 0)
        {
            int rounds = args.Length > gate + 1 && int.TryParse(args[gate + 1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int r) && r >= 1 ? r : 3;
            int qubits = args.Length > gate + 2 && int.TryParse(args[gate + 2], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int q) && q is >= 16 and <= 28 ? q : 24;
            GateRatioRunner.Run(rounds, qubits, Console.Out);
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
