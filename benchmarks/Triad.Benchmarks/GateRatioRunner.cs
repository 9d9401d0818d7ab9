using System.Diagnostics;
using System.Globalization;

namespace Triad.Benchmarks;

/// <summary>
/// <c>--gate-ratio [rounds] [qubits]</c>: the "of STREAM" figures of <see cref="StateVectorGateBenchmarks"/> measured in
/// one process by alternating calls: the STREAM-like in-place pass and one gate on the same state, called in turn for
/// about 2 s per gate, each keeping its fastest wall-clock call. The fastest call is what the memory system can give
/// when nothing else takes it, for the pass and the gate alike, so the ratio t_stream / t_gate does not depend on which
/// of the two a burst of other work happened to hit (BenchmarkDotNet's means do). One line per round, then the spread.
/// Default: 3 rounds on 24 qubits (256 MiB), the threads the machine has.
/// </summary>
public static class GateRatioRunner
{
    /// <summary>Runs the rounds and writes the ratios to <paramref name="output"/>.</summary>
    public static void Run(int rounds, int qubits, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bench = new StateVectorGateBenchmarks { Qubits = qubits };
        bench.Setup();
        (string Name, Action Gate)[] gates =
        [
            ("x", bench.X), ("rz", bench.Rz), ("h", bench.H), ("u3", bench.U3),
        ];
        var ratios = gates.ToDictionary(g => g.Name, _ => new List<double>());
        for (int r = 0; r < rounds; r++)
        {
            var line = new List<string>();
            foreach ((string name, Action gate) in gates)
            {
                (double stream, double time) = Fastest(bench.Stream, gate, 2000);
                ratios[name].Add(stream / time);
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {time:F2} ms ({stream / time:F2})"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{qubits} qubits round {r + 1}: ") + string.Join("; ", line));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{qubits} qubits, fraction of the in-place pass over {rounds} rounds: ")
            + string.Join(", ", gates.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Name} {ratios[g.Name].Min():F2}–{ratios[g.Name].Max():F2}"))));
    }

    // The fastest wall-clock time (ms) of a and of b, called alternately for about `milliseconds`.
    private static (double A, double B) Fastest(Action a, Action b, double milliseconds)
    {
        a();
        b();
        double bestA = double.MaxValue, bestB = double.MaxValue;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed.TotalMilliseconds < milliseconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            a();
            long t1 = Stopwatch.GetTimestamp();
            b();
            long t2 = Stopwatch.GetTimestamp();
            bestA = Math.Min(bestA, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            bestB = Math.Min(bestB, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        }
        return (bestA, bestB);
    }
}
