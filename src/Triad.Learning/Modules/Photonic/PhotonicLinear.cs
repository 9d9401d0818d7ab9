using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// A photonic linear layer: an N-mode MZI mesh (Clements or Reck) whose phases θ, φ (per MZI) and α (per output
/// mode) are the trainable parameters, trained through the mesh's adjoint gradients. Samples [features] (real
/// amplitudes from a modulator, or complex fields) enter the first modes, the others dark; the output is the complex
/// field on the first <see cref="Units"/> modes (follow it with <c>photodetect</c> for intensities, or with
/// <c>electro-optic</c> for a nonlinearity that stays optical). The mesh is unitary, so the layer preserves optical
/// power when N = features = units, and loses what leaves through the dropped modes otherwise.
/// <para>
/// Hardware-aware training: the chip's static defects (<see cref="Defects"/>: phase error σ_φ, coupler error σ_BS,
/// loss per MZI, phase DAC bits; one draw from their seed, see <see cref="MeshDefects"/>) act in every pass, training
/// and evaluation alike; <see cref="TrainingPhaseNoise"/> adds, in training passes only, fresh phase offsets
/// δ ~ N(0, σ²) rad to every θ, φ and α, drawn from the pass's stream for this module, so the weights learn to
/// tolerate phase errors they will meet on a chip they have not seen.
/// </para>
/// Phases start uniform: θ in [0, π], φ and α in [0, 2π) rad.
/// </summary>
/// <typeparam name="T">float or double (the mesh itself computes in double).</typeparam>
public sealed class PhotonicLinear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private MeshDefects _defects = MeshDefects.None;
    private MeshImperfections? _imperfections;
    private double _trainingPhaseNoise;

    /// <summary>A layer of <paramref name="units"/> outputs over <paramref name="modes"/> modes for samples [features].</summary>
    public PhotonicLinear(int[] inputShape, int units, MeshKind mesh, int modes, SeededRandom random) : base("photonic-linear", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 1 || inputShape[0] < 1)
        {
            throw new ArgumentException($"photonic-linear takes samples [features], got [{string.Join(", ", inputShape)}]", nameof(inputShape));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (modes < Math.Max(inputShape[0], units))
        {
            throw new ArgumentOutOfRangeException(nameof(modes), modes, $"a mesh for {inputShape[0]} inputs and {units} outputs needs at least {Math.Max(inputShape[0], units)} modes");
        }
        Layout = MeshLayout.Create(mesh, modes);
        Units = units;
        Theta = AddParameter("theta", Init.Uniform<T>(random.Fork(1), 0, Math.PI, Layout.Count));
        Phi = AddParameter("phi", Init.Uniform<T>(random.Fork(2), 0, 2 * Math.PI, Layout.Count));
        Alpha = AddParameter("alpha", Init.Uniform<T>(random.Fork(3), 0, 2 * Math.PI, modes));
        OutputShape = [units];
    }

    /// <summary>Where the MZIs sit.</summary>
    public MeshLayout Layout { get; }

    /// <summary>Output modes kept.</summary>
    public int Units { get; }

    /// <summary>Internal phases θ_k (rad), in the layout's order.</summary>
    public Parameter<T> Theta { get; }

    /// <summary>External phases φ_k (rad).</summary>
    public Parameter<T> Phi { get; }

    /// <summary>Output phases α_m (rad).</summary>
    public Parameter<T> Alpha { get; }

    /// <summary>The chip's static defects (drawn once from their seed when set); <see cref="MeshDefects.None"/> for an ideal mesh.</summary>
    /// <exception cref="ArgumentException">A σ, loss or bit count is out of range.</exception>
    public MeshDefects Defects
    {
        get => _defects;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _imperfections = value.Any ? value.Realize(Layout) : null;
            _defects = value;
        }
    }

    /// <summary>σ (rad) of the fresh phase offsets added in training passes; 0 for none.</summary>
    public double TrainingPhaseNoise
    {
        get => _trainingPhaseNoise;
        set
        {
            if (!(value >= 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "training phase noise σ must be a finite number at least 0 (rad)");
            }
            _trainingPhaseNoise = value;
        }
    }

    /// <summary>
    /// Phase offsets the chip adds to the programmed phases right now (rad): δθ_0..δθ_{K−1}, δφ_0..δφ_{K−1},
    /// δα_0..δα_{N−1} (the layout of <see cref="Triad.Photonics.Thermal.ThermalDrift"/>), on top of the static
    /// defects; null for none. Thermal drift sets them.
    /// </summary>
    /// <exception cref="ArgumentException">The array does not hold 2K + N finite values.</exception>
    public double[]? PhaseOffsets
    {
        get => _phaseOffsets;
        set
        {
            if (value is not null && (value.Length != (2 * Layout.Count) + Layout.Modes || value.Any(v => !double.IsFinite(v))))
            {
                throw new ArgumentException($"phase offsets of a mesh with {Layout.Count} MZIs on {Layout.Modes} modes are {(2 * Layout.Count) + Layout.Modes} finite values", nameof(value));
            }
            _phaseOffsets = value;
        }
    }

    private double[]? _phaseOffsets;

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        MeshImperfections? imperfections = _imperfections;
        if ((Training && _trainingPhaseNoise > 0) || _phaseOffsets is not null)
        {
            imperfections = WithOffsets(Training && _trainingPhaseNoise > 0 ? Tape<T>.Of(input).RandomFor(this) : null);
        }
        var phases = new MeshPhases(Layout, ToDouble(Theta), ToDouble(Phi), ToDouble(Alpha));
        return MeshFunction<T>.Apply(new MziMesh(phases, imperfections), input, Theta, Phi, Alpha, Units);
    }

    /// <summary>The static defects plus <see cref="PhaseOffsets"/> plus, given a stream, fresh offsets N(0, σ²) on every phase.</summary>
    private MeshImperfections WithOffsets(SeededRandom? random)
    {
        int k = Layout.Count, n = Layout.Modes;
        var result = new MeshImperfections(k, n) { PhaseBits = _imperfections?.PhaseBits };
        if (random is not null)
        {
            random.FillGaussian(result.ThetaOffset, 0, _trainingPhaseNoise);
            random.FillGaussian(result.PhiOffset, 0, _trainingPhaseNoise);
            random.FillGaussian(result.AlphaOffset, 0, _trainingPhaseNoise);
        }
        if (_phaseOffsets is { } offsets)
        {
            for (int i = 0; i < k; i++)
            {
                result.ThetaOffset[i] += offsets[i];
                result.PhiOffset[i] += offsets[k + i];
            }
            for (int m = 0; m < n; m++)
            {
                result.AlphaOffset[m] += offsets[(2 * k) + m];
            }
        }
        if (_imperfections is { } fixedDefects)
        {
            for (int i = 0; i < k; i++)
            {
                result.ThetaOffset[i] += fixedDefects.ThetaOffset[i];
                result.PhiOffset[i] += fixedDefects.PhiOffset[i];
            }
            for (int m = 0; m < n; m++)
            {
                result.AlphaOffset[m] += fixedDefects.AlphaOffset[m];
            }
            fixedDefects.FirstCouplerError.CopyTo(result.FirstCouplerError, 0);
            fixedDefects.SecondCouplerError.CopyTo(result.SecondCouplerError, 0);
            fixedDefects.Amplitude.CopyTo(result.Amplitude, 0);
        }
        return result;
    }

    private static double[] ToDouble(Parameter<T> p)
    {
        ReadOnlySpan<T> s = p.Span;
        double[] d = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            d[i] = double.CreateTruncating(s[i]);
        }
        return d;
    }
}

/// <summary>
/// Spec kind "photonic-linear": settings units (= features), mesh (clements | reck), modes (= max(features, units)),
/// phase-error (σ_φ, rad), coupler-error (σ_BS), loss-db (mean per MZI), loss-spread-db, phase-bits, defect-seed
/// (the chip's static defects), training-noise (σ of the phase noise of hardware-aware training, rad).
/// </summary>
internal sealed class PhotonicLinearFactory : IModuleFactory
{
    public string Kind => "photonic-linear";

    public string Summary => "MZI mesh with trainable phases; units, mesh = clements|reck, modes, phase-error, coupler-error, loss-db, loss-spread-db, phase-bits, defect-seed, training-noise";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int[] input = context.InputOfRank(1, "samples [features]");
        int features = input[0];
        int units = s.IntOr("units", features, 1);
        MeshKind mesh = s.ChoiceOr("mesh", "clements", "clements", "reck") == "reck" ? MeshKind.Reck : MeshKind.Clements;
        int modes = s.IntOr("modes", Math.Max(features, units), Math.Max(features, units));
        if (modes > 4096)
        {
            throw s.Error($"modes {modes} is more than 4096, the largest mesh this layer builds");
        }
        var defects = new MeshDefects(
            s.DoubleOr("phase-error", 0, 0, 10),
            s.DoubleOr("coupler-error", 0, 0, 1),
            s.DoubleOr("loss-db", 0, 0, 100),
            s.DoubleOr("loss-spread-db", 0, 0, 100),
            s.Has("phase-bits") ? s.IntOr("phase-bits", 0, 1) : null,
            (ulong)s.IntOr("defect-seed", 0, 0));
        if (defects.PhaseBits > 32)
        {
            throw s.Error($"phase-bits {defects.PhaseBits} must lie in 1..32");
        }
        double noise = s.DoubleOr("training-noise", 0, 0, 10);
        s.RejectUnknown("units", "mesh", "modes", "phase-error", "coupler-error", "loss-db", "loss-spread-db", "phase-bits", "defect-seed", "training-noise");
        return new PhotonicLinear<T>(input, units, mesh, modes, context.Random)
        {
            Defects = defects,
            TrainingPhaseNoise = noise,
        };
    }
}
