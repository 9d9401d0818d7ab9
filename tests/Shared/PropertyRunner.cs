using CsCheck;
using Xunit.Abstractions;

namespace Triad.Tests.Shared;

/// <summary>
/// Runs a CsCheck property on a fixed sequence of seeds, so every run tests the same cases. CsCheck's own
/// Sample draws fresh random cases on every run after the first; here each case is one seeded iteration,
/// reproducible from the printed base seed, and a failure reports CsCheck's seed string for that case.
/// </summary>
internal static class PropertyRunner
{
    public static void Run<T>(Gen<T> gen, Action<T> property, ulong baseSeed, int cases, ITestOutputHelper output)
    {
        output.WriteLine($"base seed {baseSeed}, {cases} cases");
        for (int i = 0; i < cases; i++)
        {
            string seed = new PCG(1, baseSeed + (ulong)i).ToString();
            gen.Sample(property, seed: seed, iter: 1, threads: 1);
        }
    }
}
