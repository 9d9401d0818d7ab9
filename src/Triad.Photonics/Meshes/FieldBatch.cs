using System.Numerics;

namespace Triad.Photonics.Meshes;

/// <summary>
/// A batch of complex optical fields on N modes, stored split and mode-major: <see cref="Re"/>[m·B + s] and
/// <see cref="Im"/>[m·B + s] hold the field of sample s on mode m (B = <see cref="BatchSize"/>). An MZI on modes
/// (m, m+1) then reads and writes two contiguous rows of each part, which vectorises without shuffles.
/// Amplitudes are in √W.
/// </summary>
public sealed class FieldBatch
{
    /// <summary>A batch of zeros.</summary>
    public FieldBatch(int modes, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(modes);
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        long length = (long)modes * batchSize;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a batch of {modes}×{batchSize} fields is too large for one array");
        }
        Modes = modes;
        BatchSize = batchSize;
        Re = new double[length];
        Im = new double[length];
    }

    /// <summary>Number of modes N.</summary>
    public int Modes { get; }

    /// <summary>Number of fields B.</summary>
    public int BatchSize { get; }

    /// <summary>Real parts, mode-major.</summary>
    public double[] Re { get; }

    /// <summary>Imaginary parts, mode-major.</summary>
    public double[] Im { get; }

    /// <summary>The field of sample <paramref name="sample"/> on mode <paramref name="mode"/>.</summary>
    public Complex this[int mode, int sample]
    {
        get => new(Re[(mode * BatchSize) + sample], Im[(mode * BatchSize) + sample]);
        set
        {
            Re[(mode * BatchSize) + sample] = value.Real;
            Im[(mode * BatchSize) + sample] = value.Imaginary;
        }
    }

    /// <summary>A batch whose columns are the columns of the row-major N×B matrix <paramref name="values"/>.</summary>
    public static FieldBatch FromMatrix(ReadOnlySpan<Complex> values, int modes, int batchSize)
    {
        var f = new FieldBatch(modes, batchSize);
        if (values.Length != f.Re.Length)
        {
            throw new ArgumentException($"expected {modes}×{batchSize} = {f.Re.Length} values, got {values.Length}", nameof(values));
        }
        for (int i = 0; i < values.Length; i++)
        {
            f.Re[i] = values[i].Real;
            f.Im[i] = values[i].Imaginary;
        }
        return f;
    }

    /// <summary>The batch as a row-major N×B complex matrix (sample s is column s).</summary>
    public Complex[] ToMatrix()
    {
        var m = new Complex[Re.Length];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = new Complex(Re[i], Im[i]);
        }
        return m;
    }

    /// <summary>Copies this batch into <paramref name="destination"/> of the same shape.</summary>
    public void CopyTo(FieldBatch destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckSameShape(destination, nameof(destination));
        Re.CopyTo(destination.Re, 0);
        Im.CopyTo(destination.Im, 0);
    }

    /// <summary>A deep copy.</summary>
    public FieldBatch Clone()
    {
        var c = new FieldBatch(Modes, BatchSize);
        CopyTo(c);
        return c;
    }

    internal void CheckSameShape(FieldBatch other, string name)
    {
        if (other.Modes != Modes || other.BatchSize != BatchSize)
        {
            throw new ArgumentException($"{name} holds {other.Modes} modes × {other.BatchSize} fields, expected {Modes} × {BatchSize}", name);
        }
    }
}
