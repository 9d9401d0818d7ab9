using System.Numerics;

namespace Triad.Numerics.Random;

/// <summary>
/// A seeded xoshiro256** generator (Blackman and Vigna, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4), 2021), initialised by SplitMix64.
/// <para>
/// Streams: <see cref="Fork(ulong)"/> derives an independent generator from this one's seed and a stream
/// number, without consuming any of this generator's output. Parallel work takes one stream per piece
/// of work (not per thread), so the numbers never depend on how many threads run.
/// </para>
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private readonly ulong _key;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates a generator from a seed; equal seeds give equal sequences.</summary>
    public SeededRandom(ulong seed) : this(seed, 0x9E3779B97F4A7C15UL)
    {
    }

    private SeededRandom(ulong seed, ulong salt)
    {
        _key = Mix(seed ^ Mix(salt));
        ulong sm = _key;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>
    /// An independent generator for stream <paramref name="stream"/>: a function of this generator's
    /// seed (and the chain of forks that made it) and the stream number only.
    /// </summary>
    public SeededRandom Fork(ulong stream) => new(_key, stream + 1);

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased (Lemire's multiply-and-reject).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public int NextInt(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "upper bound must be positive");
        }
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * bound;
            if ((ulong)m >= threshold)
            {
                return (int)(m >> 64);
            }
        }
    }

    /// <summary>Standard normal deviate by the Marsaglia polar method.</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Fills <paramref name="destination"/> with uniform values in [low, high).</summary>
    public void FillUniform(Span<double> destination, double low, double high)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble(low, high);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with normal values of the given mean and standard deviation.</summary>
    public void FillGaussian(Span<double> destination, double mean, double standardDeviation)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = mean + (standardDeviation * NextGaussian());
        }
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..<paramref name="n"/>−1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }
        Shuffle<int>(p);
        return p;
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
