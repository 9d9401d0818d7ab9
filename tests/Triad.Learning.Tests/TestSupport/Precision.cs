using System.Numerics;
using System.Runtime.InteropServices;

namespace Triad.Learning.Tests.TestSupport;

/// <summary>Per-element-type figures for the suites that run once for float and once for double.</summary>
internal static class Precision<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Machine epsilon: 2⁻²³ for float, 2⁻⁵² for double.</summary>
    public static double Epsilon => typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);

    /// <summary>"float32" or "float64".</summary>
    public static string Name => typeof(T) == typeof(float) ? "float32" : "float64";

    /// <summary>Copies of every parameter's values, in parameter order.</summary>
    public static T[][] Snapshot(global::Triad.Learning.Modules.Module<T> module) => module.Parameters().Select(p => p.Value.Span.ToArray()).ToArray();

    /// <summary>Asserts two snapshots are equal bit for bit, naming the first parameter that differs.</summary>
    public static void AssertBitIdentical(T[][] expected, T[][] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = MemoryMarshal.AsBytes(expected[i].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[i].AsSpan()));
            Assert.True(same, $"{what}: parameter {i} differs");
        }
    }
}
