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
    /// An exception from a piece is rethrown as itself, not wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    /// <remarks>
    /// Each thread takes the next piece as soon as it finishes one, one piece at a time, so threads end within one
    /// piece of each other even when another process takes a core for a while. (Parallel.For hands out growing
    /// runs of iterations, which can leave one thread with several pieces at the end of a region of a few dozen.)
    /// </remarks>
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
        var work = new Work(pieces, body);
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => work.Run());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Throw what the piece threw, as a serial loop would, so callers see the same exception
            // whatever the thread count (several failing pieces: the first one reported).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    // The pieces of one For, handed out one at a time from a shared counter.
    private sealed class Work(int pieces, Action<int> body)
    {
        private int _next = -1;

        public void Run()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < pieces)
            {
                try
                {
                    body(i);
                }
                catch
                {
                    // Stop the other threads from starting pieces; they finish the ones they hold.
                    Volatile.Write(ref _next, pieces);
                    throw;
                }
            }
        }
    }
}
