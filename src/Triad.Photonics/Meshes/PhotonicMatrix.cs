using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Any real or complex m×n weight matrix W on hardware as W = s·U·Σ′·V† (Miller, "Self-configuring universal
/// linear optical component", Photon. Res. 1, 1 (2013); Shen et al., Nat. Photonics 11, 441 (2017)): W is padded
/// with zeros to N×N, N = max(m, n); its SVD W = U·Σ·V† gives two unitary meshes (V† met first, then U) and a
/// column of N attenuators of field transmission Σ′ = Σ/σ_max ≤ 1; the scale s = σ_max is applied electronically.
/// The n inputs enter modes 0..n−1 (the rest dark); the m outputs are read on modes 0..m−1, either coherently
/// (amplitude and phase against a reference: y = W·x) or directly (intensity |y|²).
/// </summary>
public sealed class PhotonicMatrix
{
    private readonly MziMesh _input;
    private readonly MziMesh _output;
    private readonly double[] _attenuation;

    private PhotonicMatrix(int rows, int columns, MziMesh input, double[] attenuation, MziMesh output, double scale)
    {
        Rows = rows;
        Columns = columns;
        _input = input;
        _attenuation = attenuation;
        _output = output;
        Scale = scale;
    }

    /// <summary>m, outputs read.</summary>
    public int Rows { get; }

    /// <summary>n, inputs driven.</summary>
    public int Columns { get; }

    /// <summary>N = max(m, n), modes of both meshes.</summary>
    public int Modes => _attenuation.Length;

    /// <summary>s = σ_max, the electronic gain applied to the detected fields.</summary>
    public double Scale { get; }

    /// <summary>The mesh light meets first (V†).</summary>
    public MziMesh InputMesh => _input;

    /// <summary>The mesh light meets second (U).</summary>
    public MziMesh OutputMesh => _output;

    /// <summary>Field transmissions σ_i/σ_max of the attenuators, in [0, 1].</summary>
    public ReadOnlySpan<double> Attenuation => _attenuation;

    /// <summary>
    /// Maps the row-major <paramref name="rows"/>×<paramref name="columns"/> matrix <paramref name="weights"/> to
    /// two meshes of <paramref name="kind"/> with optional <paramref name="defects"/> (drawn for the input mesh from
    /// their seed and for the output mesh from seed + 1).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is below 1, the count is wrong, or an entry is NaN or infinite.</exception>
    public static PhotonicMatrix Map(ReadOnlySpan<Complex> weights, int rows, int columns, MeshKind kind = MeshKind.Clements, MeshDefects? defects = null)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentException($"a weight matrix needs at least 1 row and 1 column, got {rows}×{columns}");
        }
        if ((long)rows * columns != weights.Length)
        {
            throw new ArgumentException($"a {rows}×{columns} weight matrix needs {(long)rows * columns} entries, got {weights.Length}");
        }
        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i].Real) || !double.IsFinite(weights[i].Imaginary))
            {
                throw new ArgumentException(FormattableString.Invariant($"weight ({i / columns}, {i % columns}) is {weights[i]}, not a finite number"));
            }
        }
        int n = Math.Max(rows, columns);
        var padded = new Complex[n * n];
        for (int i = 0; i < rows; i++)
        {
            weights.Slice(i * columns, columns).CopyTo(padded.AsSpan(i * n, columns));
        }
        SingularValueDecomposition<Complex> svd = Decompositions.Svd(new Tensor<Complex>(padded, n, n), fullMatrices: true);
        double[] sigma = svd.SingularValues.Data;
        double scale = sigma[0];
        double[] attenuation = sigma.Select(s => scale > 0 ? s / scale : 0).ToArray();
        MeshPhases inPhases = MeshDecomposition.Decompose(kind, svd.Vh.Data, n, 1e-9 * n);
        MeshPhases outPhases = MeshDecomposition.Decompose(kind, svd.U.Data, n, 1e-9 * n);
        MeshImperfections? inDefects = defects?.Realize(inPhases.Layout);
        MeshImperfections? outDefects = defects is null ? null : (defects with { Seed = defects.Seed + 1 }).Realize(outPhases.Layout);
        return new PhotonicMatrix(rows, columns, new MziMesh(inPhases, inDefects), attenuation, new MziMesh(outPhases, outDefects), scale == 0 ? 1 : scale);
    }

    /// <summary>
    /// The same meshes and scale with the attenuator column replaced by <paramref name="attenuation"/> (field
    /// transmissions, e.g. PCM cells read back at some time), one per mode.
    /// </summary>
    /// <exception cref="ArgumentException">The count is not N, or a value is outside [0, 1] or NaN.</exception>
    public PhotonicMatrix WithAttenuation(ReadOnlySpan<double> attenuation)
    {
        if (attenuation.Length != Modes)
        {
            throw new ArgumentException($"the attenuator column holds {Modes} values, not {attenuation.Length}", nameof(attenuation));
        }
        foreach (double a in attenuation)
        {
            if (!(a is >= 0 and <= 1))
            {
                throw new ArgumentException($"attenuator field transmission {a} is outside [0, 1]", nameof(attenuation));
            }
        }
        return new PhotonicMatrix(Rows, Columns, _input, attenuation.ToArray(), _output, Scale);
    }

    /// <summary>
    /// Coherent detection: y = s·U·Σ′·V†·x for a batch, <paramref name="inputs"/> row-major n×B (sample b is column b);
    /// returns the m×B outputs row-major.
    /// </summary>
    public Complex[] Multiply(ReadOnlySpan<Complex> inputs, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if ((long)Columns * batch != inputs.Length)
        {
            throw new ArgumentException($"expected {Columns}×{batch} inputs, got {inputs.Length} values", nameof(inputs));
        }
        var f = new FieldBatch(Modes, batch);
        for (int i = 0; i < Columns * batch; i++)
        {
            f.Re[i] = inputs[i].Real;
            f.Im[i] = inputs[i].Imaginary;
        }
        _input.Forward(f, f);
        for (int m = 0; m < Modes; m++)
        {
            double a = _attenuation[m];
            for (int s = 0; s < batch; s++)
            {
                f.Re[(m * batch) + s] *= a;
                f.Im[(m * batch) + s] *= a;
            }
        }
        _output.Forward(f, f);
        var y = new Complex[Rows * batch];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Scale * new Complex(f.Re[i], f.Im[i]);
        }
        return y;
    }

    /// <summary>Direct detection: |y|² for each output of <see cref="Multiply"/> (in units of the input power times s²).</summary>
    public double[] MultiplyIntensity(ReadOnlySpan<Complex> inputs, int batch) =>
        Multiply(inputs, batch).Select(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)).ToArray();

    /// <summary>The m×n matrix the hardware realises (coherent detection), row-major.</summary>
    public Complex[] Matrix()
    {
        var identity = new Complex[Columns * Columns];
        for (int j = 0; j < Columns; j++)
        {
            identity[(j * Columns) + j] = 1;
        }
        return Multiply(identity, Columns);
    }
}
