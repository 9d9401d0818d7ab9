using System.Numerics;
using Triad.Numerics.Threading;
using Triad.Photonics.Components;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Propagation of light through a mesh of MZIs: U = diag(e^{iα})·T_K ⋯ T_1 (T_1 met first), with the defects of
/// <see cref="Imperfections"/> applied (see <see cref="MeshImperfections"/>), on a <see cref="FieldBatch"/>.
/// <para>
/// The batch is cut into at most <see cref="MaxPieces"/> pieces of samples, a function of the batch size alone,
/// which run on threads. When every coupler is ideal (loss, phase offsets and DAC rounding allowed) a piece runs
/// in the effective form of <see cref="EffectiveMesh"/>: the common phase of each MZI is carried to the output, so
/// an MZI costs one complex multiply and a real rotation (10 multiply-adds per field instead of 16), on blocks of
/// 8 samples copied out of the batch; its coefficients are computed once per change of the phases. Otherwise
/// (coupler errors, or <see cref="UseGeneralKernels"/>) each MZI's general 2×2 matrix is applied to two contiguous
/// mode rows of the batch, in sub-blocks of samples that stay in cache (<see cref="BlockSamples"/>). Every sample's
/// arithmetic is the same whatever the thread count, and the phase gradients are summed per piece and then over
/// pieces in piece order, so results are bit-identical for any <see cref="ThreadSettings.MaxThreads"/>.
/// </para>
/// <para>
/// Backward is the adjoint (field-interference) method of Hughes et al., "Training of photonic neural networks
/// through in situ backpropagation and gradient measurement", Optica 5, 864 (2018), as neurophox implements it:
/// from the output fields y and the output gradient g it walks the mesh backwards, re-creating each MZI's input
/// fields by its inverse, x = T⁻¹·y, instead of storing them, so memory stays O(batch × N) however deep the mesh.
/// For a real loss L and a complex field z = a + ib the gradient is ∂L/∂a + i·∂L/∂b (PyTorch's convention, the one
/// Triad.Learning's tape uses): an MZI passes back g_x = T†·g_y, and a phase p gets
/// ∂L/∂p = Σ_samples Re⟨∂T/∂p·x, g_y⟩; an output phase gets ∂L/∂α_m = Σ Im(conj(y_m)·g_m). Gradients pass straight
/// through DAC rounding.
/// </para>
/// </summary>
public sealed class MziMesh
{
    /// <summary>Most pieces a batch is cut into (the number of partial phase-gradient copies backward keeps).</summary>
    public const int MaxPieces = 16;

    /// <summary>Most samples per cache block within a piece (fewer for wide meshes, see <see cref="BlockSamples"/>).</summary>
    public const int MaxBlockSamples = 64;

    /// <summary>
    /// Samples per cache block for <paramref name="modes"/> modes and <paramref name="buffers"/> field buffers
    /// (1 forward, 2 backward): the block's fields, modes × samples × 16 bytes per buffer, kept near 512 KiB so they
    /// stay in a core's L2 cache; a multiple of 8 between 8 and <see cref="MaxBlockSamples"/>. Smaller blocks were
    /// slower at 256 modes (the per-MZI set-up is paid per block), so the budget is large. A function of the mesh
    /// alone, never of the thread count.
    /// </summary>
    public static int BlockSamples(int modes, int buffers) => Math.Clamp(32768 / (Math.Max(1, modes) * buffers) / 8 * 8, 8, MaxBlockSamples);

    /// <summary>A mesh with the given phases and optional defects.</summary>
    public MziMesh(MeshPhases phases, MeshImperfections? imperfections = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (imperfections is not null && (imperfections.Amplitude.Length != phases.Layout.Count || imperfections.AlphaOffset.Length != phases.Layout.Modes))
        {
            throw new ArgumentException($"the imperfections are drawn for {imperfections.Amplitude.Length} MZIs on {imperfections.AlphaOffset.Length} modes, the mesh has {phases.Layout.Count} on {phases.Layout.Modes}", nameof(imperfections));
        }
        Phases = phases;
        Imperfections = imperfections;
    }

    /// <summary>Where the MZIs sit.</summary>
    public MeshLayout Layout => Phases.Layout;

    /// <summary>The programmed phases (read at every call, so they may change between calls).</summary>
    public MeshPhases Phases { get; }

    /// <summary>The drawn defects, or null for an ideal mesh.</summary>
    public MeshImperfections? Imperfections { get; }

    /// <summary>
    /// Run the general complex 2×2 kernels (16 multiply-adds per MZI and field) even where the faster effective form
    /// applies (ideal couplers); the reference the effective form is tested against.
    /// </summary>
    internal bool UseGeneralKernels { get; init; }

    private int[]? _positions;
    private EffectiveSnapshot? _effective;

    /// <summary>The N×N matrix of the mesh, row-major: the forward transform of the identity (column j = U·e_j).</summary>
    public Complex[] Matrix()
    {
        int n = Layout.Modes;
        var f = new FieldBatch(n, n);
        for (int j = 0; j < n; j++)
        {
            f.Re[(j * n) + j] = 1;
        }
        Forward(f, f);
        return f.ToMatrix();
    }

    /// <summary>output ← U·input for every field of the batch; <paramref name="output"/> may be <paramref name="input"/>.</summary>
    public void Forward(FieldBatch input, FieldBatch output)
    {
        CheckBatch(input, nameof(input));
        CheckBatch(output, nameof(output));
        input.CheckSameShape(output, nameof(output));
        if (!ReferenceEquals(input, output))
        {
            input.CopyTo(output);
        }
        if (PrepareEffective() is { } e)
        {
            RunPieces(output.BatchSize, (start, count, _) => e.Forward(output, start, count));
            return;
        }
        Prepared p = Prepare(Use.Forward);
        RunPieces(output.BatchSize, (start, count, _) => ForwardBlock(p, output, start, count));
    }

    /// <summary>input ← U⁻¹·output for every field (exact for lossy meshes too); <paramref name="input"/> may be <paramref name="output"/>.</summary>
    public void Inverse(FieldBatch output, FieldBatch input)
    {
        CheckBatch(output, nameof(output));
        CheckBatch(input, nameof(input));
        output.CheckSameShape(input, nameof(input));
        if (!ReferenceEquals(input, output))
        {
            output.CopyTo(input);
        }
        if (PrepareEffective() is { } e)
        {
            RunPieces(input.BatchSize, (start, count, _) => e.Inverse(input, start, count));
            return;
        }
        Prepared p = Prepare(Use.Inverse);
        RunPieces(input.BatchSize, (start, count, _) => InverseBlock(p, input, start, count));
    }

    /// <summary>
    /// The adjoint backward pass. From the forward result <paramref name="output"/> (left unchanged) and ∂L/∂output
    /// (<paramref name="outputGradient"/>, same convention), writes ∂L/∂input into <paramref name="inputGradient"/>
    /// (which may be <paramref name="outputGradient"/>) and the phase gradients, summed over the batch, into
    /// <paramref name="gradients"/> (overwritten). Extra memory: one copy of the batch plus at most
    /// <see cref="MaxPieces"/> partial gradients.
    /// </summary>
    public void Backward(FieldBatch output, FieldBatch outputGradient, FieldBatch inputGradient, MeshGradients gradients)
    {
        CheckBatch(output, nameof(output));
        CheckBatch(outputGradient, nameof(outputGradient));
        CheckBatch(inputGradient, nameof(inputGradient));
        ArgumentNullException.ThrowIfNull(gradients);
        output.CheckSameShape(outputGradient, nameof(outputGradient));
        output.CheckSameShape(inputGradient, nameof(inputGradient));
        if (gradients.Layout.Count != Layout.Count || gradients.Layout.Modes != Layout.Modes)
        {
            throw new ArgumentException($"gradients are shaped for {gradients.Layout.Count} MZIs on {gradients.Layout.Modes} modes, the mesh has {Layout.Count} on {Layout.Modes}", nameof(gradients));
        }
        if (!ReferenceEquals(outputGradient, inputGradient))
        {
            outputGradient.CopyTo(inputGradient);
        }
        int pieces = PieceCount(output.BatchSize);
        int k = Layout.Count, n = Layout.Modes;
        var partTheta = new double[pieces][];
        var partPhi = new double[pieces][];
        var partAlpha = new double[pieces][];
        if (PrepareEffective() is { } e)
        {
            RunPieces(output.BatchSize, (start, count, piece) =>
            {
                double[] gt = partTheta[piece] = new double[k];
                double[] gp = partPhi[piece] = new double[k];
                double[] ga = partAlpha[piece] = new double[n];
                e.Backward(output, inputGradient, start, count, gt, gp, ga);
            });
        }
        else
        {
            FieldBatch fields = output.Clone();
            Prepared p = Prepare(Use.Backward);
            RunPieces(output.BatchSize, (start, count, piece) =>
            {
                double[] gt = partTheta[piece] = new double[k];
                double[] gp = partPhi[piece] = new double[k];
                double[] ga = partAlpha[piece] = new double[n];
                BackwardBlock(p, fields, inputGradient, start, count, gt, gp, ga);
            });
        }
        Array.Clear(gradients.Theta);
        Array.Clear(gradients.Phi);
        Array.Clear(gradients.Alpha);
        for (int piece = 0; piece < pieces; piece++)
        {
            Add(gradients.Theta, partTheta[piece]);
            Add(gradients.Phi, partPhi[piece]);
            Add(gradients.Alpha, partAlpha[piece]);
        }
    }

    private void CheckBatch(FieldBatch batch, string name)
    {
        ArgumentNullException.ThrowIfNull(batch, name);
        if (batch.Modes != Layout.Modes)
        {
            throw new ArgumentException($"{name} has {batch.Modes} modes, the mesh has {Layout.Modes}", name);
        }
    }

    private static void Add(double[] total, double[] part)
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }

    /// <summary>Pieces for a batch: a function of the batch size only.</summary>
    private static int PieceCount(int batch) => Math.Max(1, Math.Min(MaxPieces, (batch + MaxBlockSamples - 1) / MaxBlockSamples));

    // Runs body(start, count, piece) over the pieces; within a piece body is called once for the whole range.
    private static void RunPieces(int batch, Action<int, int, int> body)
    {
        if (batch == 0)
        {
            return;
        }
        int pieces = PieceCount(batch);
        ThreadSettings.For(pieces, piece =>
        {
            int start = (int)((long)batch * piece / pieces), end = (int)((long)batch * (piece + 1) / pieces);
            body(start, end - start, piece);
        });
    }

    private enum Use
    {
        Forward,
        Inverse,
        Backward,
    }

    private sealed class Prepared(int count, int modes, Use use)
    {
        public readonly Transfer2x2[] T = new Transfer2x2[count];
        public readonly Transfer2x2[] Inverse = use != Use.Forward ? new Transfer2x2[count] : [];
        public readonly Transfer2x2[] Adjoint = use == Use.Backward ? new Transfer2x2[count] : [];
        public readonly (Complex A, Complex B)[] FirstRow = use == Use.Backward ? new (Complex, Complex)[count] : [];
        public readonly (Complex A, Complex B)[] SecondAdjointRow = use == Use.Backward ? new (Complex, Complex)[count] : [];
        public readonly int[] Tops = new int[count];
        public readonly double[] AlphaCos = new double[modes];
        public readonly double[] AlphaSin = new double[modes];
    }

    private Prepared Prepare(Use use)
    {
        MeshLayout layout = Layout;
        MeshImperfections? d = Imperfections;
        var p = new Prepared(layout.Count, layout.Modes, use);
        const int chunk = 512;
        ThreadSettings.For((layout.Count + chunk - 1) / chunk, c =>
        {
        for (int k = c * chunk; k < Math.Min(layout.Count, (c + 1) * chunk); k++)
        {
            double theta = Effective(Phases.Theta[k], d?.ThetaOffset[k] ?? 0, d?.PhaseBits);
            double phi = Effective(Phases.Phi[k], d?.PhiOffset[k] ?? 0, d?.PhaseBits);
            double e1 = d?.FirstCouplerError[k] ?? 0, e2 = d?.SecondCouplerError[k] ?? 0, a = d?.Amplitude[k] ?? 1;
            Transfer2x2 t = MachZehnderInterferometer.Matrix(theta, phi, e1, e2, a);
            p.T[k] = t;
            p.Tops[k] = layout.Top(k);
            if (use != Use.Forward)
            {
                p.Inverse[k] = t.Inverse();
            }
            if (use == Use.Backward)
            {
                p.Adjoint[k] = t.Adjoint();
                (Transfer2x2 first, Transfer2x2 second) = MachZehnderInterferometer.Halves(theta, phi, e1, e2, a);
                p.FirstRow[k] = (first.M00, first.M01);
                p.SecondAdjointRow[k] = (Complex.Conjugate(second.M00), Complex.Conjugate(second.M10));
            }
        }
        });
        for (int m = 0; m < layout.Modes; m++)
        {
            double alpha = Effective(Phases.Alpha[m], d?.AlphaOffset[m] ?? 0, d?.PhaseBits);
            (p.AlphaSin[m], p.AlphaCos[m]) = Math.SinCos(alpha);
        }
        return p;
    }

    /// <summary>
    /// The effective form (<see cref="EffectiveMesh"/>) when every coupler is ideal and <see cref="UseGeneralKernels"/>
    /// is off; null otherwise (the general 2×2 kernels then run).
    /// </summary>
    private EffectiveMesh? PrepareEffective()
    {
        MeshImperfections? d = Imperfections;
        if (UseGeneralKernels || (d is not null && (d.FirstCouplerError.AsSpan().ContainsAnyExcept(0.0) || d.SecondCouplerError.AsSpan().ContainsAnyExcept(0.0))))
        {
            return null;
        }
        // The phases are read at every call; the coefficients are kept while they (and the defects) stay the same,
        // so a backward after its forward, or repeated inference, computes them once.
        double[][] inputs = d is null
            ? [Phases.Theta, Phases.Phi, Phases.Alpha]
            : [Phases.Theta, Phases.Phi, Phases.Alpha, d.ThetaOffset, d.PhiOffset, d.AlphaOffset, d.Amplitude];
        EffectiveSnapshot? last = Volatile.Read(ref _effective);
        if (last is not null && last.Matches(inputs, d?.PhaseBits))
        {
            return last.Mesh;
        }
        MeshLayout layout = Layout;
        double[] theta = Phases.Theta, phi = Phases.Phi, alpha = Phases.Alpha;
        if (d is not null)
        {
            theta = new double[layout.Count];
            phi = new double[layout.Count];
            alpha = new double[layout.Modes];
            for (int k = 0; k < layout.Count; k++)
            {
                theta[k] = Effective(Phases.Theta[k], d.ThetaOffset[k], d.PhaseBits);
                phi[k] = Effective(Phases.Phi[k], d.PhiOffset[k], d.PhaseBits);
            }
            for (int m = 0; m < layout.Modes; m++)
            {
                alpha[m] = Effective(Phases.Alpha[m], d.AlphaOffset[m], d.PhaseBits);
            }
        }
        int[] positions = _positions ??= EffectiveMesh.ExecutionPositions(layout);
        EffectiveMesh? mesh = EffectiveMesh.Create(layout, positions, theta, phi, alpha, d?.Amplitude);
        if (mesh is not null)
        {
            Volatile.Write(ref _effective, new EffectiveSnapshot(inputs.Select(x => (double[])x.Clone()).ToArray(), d?.PhaseBits, mesh));
        }
        return mesh;
    }

    // The inputs an effective mesh was computed from (copies) and the mesh; immutable, swapped whole.
    private sealed class EffectiveSnapshot(double[][] inputs, int? phaseBits, EffectiveMesh mesh)
    {
        public EffectiveMesh Mesh { get; } = mesh;

        public bool Matches(double[][] current, int? bits)
        {
            if (bits != phaseBits || current.Length != inputs.Length)
            {
                return false;
            }
            for (int i = 0; i < current.Length; i++)
            {
                if (!current[i].AsSpan().SequenceEqual(inputs[i]))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private static double Effective(double programmed, double offset, int? bits) =>
        (bits is { } b ? Quantizer.QuantizePhase(programmed, b) : programmed) + offset;

    private static void ForwardBlock(Prepared p, FieldBatch f, int start, int count)
    {
        int b = f.BatchSize, n = f.Modes;
        int block = BlockSamples(n, 1);
        for (int s0 = start; s0 < start + count; s0 += block)
        {
            int len = Math.Min(block, start + count - s0);
            for (int k = 0; k < p.T.Length; k++)
            {
                int o = (p.Tops[k] * b) + s0;
                MeshKernels.Apply(p.T[k], f.Re.AsSpan(o, len), f.Im.AsSpan(o, len), f.Re.AsSpan(o + b, len), f.Im.AsSpan(o + b, len));
            }
            for (int m = 0; m < n; m++)
            {
                MeshKernels.Rotate(p.AlphaCos[m], p.AlphaSin[m], f.Re.AsSpan((m * b) + s0, len), f.Im.AsSpan((m * b) + s0, len));
            }
        }
    }

    private static void InverseBlock(Prepared p, FieldBatch f, int start, int count)
    {
        int b = f.BatchSize, n = f.Modes;
        int block = BlockSamples(n, 1);
        for (int s0 = start; s0 < start + count; s0 += block)
        {
            int len = Math.Min(block, start + count - s0);
            for (int m = 0; m < n; m++)
            {
                MeshKernels.Rotate(p.AlphaCos[m], -p.AlphaSin[m], f.Re.AsSpan((m * b) + s0, len), f.Im.AsSpan((m * b) + s0, len));
            }
            for (int k = p.T.Length - 1; k >= 0; k--)
            {
                int o = (p.Tops[k] * b) + s0;
                MeshKernels.Apply(p.Inverse[k], f.Re.AsSpan(o, len), f.Im.AsSpan(o, len), f.Re.AsSpan(o + b, len), f.Im.AsSpan(o + b, len));
            }
        }
    }

    private static void BackwardBlock(Prepared p, FieldBatch x, FieldBatch g, int start, int count, double[] gradTheta, double[] gradPhi, double[] gradAlpha)
    {
        int b = x.BatchSize, n = x.Modes;
        int block = BlockSamples(n, 2);
        for (int s0 = start; s0 < start + count; s0 += block)
        {
            int len = Math.Min(block, start + count - s0);
            for (int m = 0; m < n; m++)
            {
                int o = (m * b) + s0;
                Span<double> xr = x.Re.AsSpan(o, len), xi = x.Im.AsSpan(o, len), gr = g.Re.AsSpan(o, len), gi = g.Im.AsSpan(o, len);
                gradAlpha[m] += MeshKernels.ImaginaryDot(xr, xi, gr, gi);
                MeshKernels.Rotate(p.AlphaCos[m], -p.AlphaSin[m], xr, xi);
                MeshKernels.Rotate(p.AlphaCos[m], -p.AlphaSin[m], gr, gi);
            }
            for (int k = p.T.Length - 1; k >= 0; k--)
            {
                int o = (p.Tops[k] * b) + s0;
                (double dt, double dp) = MeshKernels.BackwardPair(p.Inverse[k], p.Adjoint[k], p.FirstRow[k], p.SecondAdjointRow[k],
                    x.Re.AsSpan(o, len), x.Im.AsSpan(o, len), x.Re.AsSpan(o + b, len), x.Im.AsSpan(o + b, len),
                    g.Re.AsSpan(o, len), g.Im.AsSpan(o, len), g.Re.AsSpan(o + b, len), g.Im.AsSpan(o + b, len));
                gradTheta[k] += dt;
                gradPhi[k] += dp;
            }
        }
    }
}
