namespace Triad.Numerics.Threading;

/// <summary>
/// How many threads the kernels may use. Work is always cut into the same pieces whatever this
/// number is, and every piece is summed in a fixed order, so results are bit-identical for any value.
/// </summary>
public static class ThreadSettings
{
    private static int s_maxThreads = Environment.ProcessorCount;

    /// <summary>Largest number of threads a kernel uses; defaults to the processor count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "thread count must be at least 1");
            }
            s_maxThreads = value;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every piece 0..<paramref name="pieces"/>−1, in parallel when
    /// there is more than one thread and more than one piece. Pieces must write disjoint outputs.
    /// </summary>
    public static void For(int pieces, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int threads = Math.Min(s_maxThreads, pieces);
        if (threads <= 1)
        {
            for (int i = 0; i < pieces; i++)
            {
                body(i);
            }
            return;
        }
        Parallel.For(0, pieces, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
