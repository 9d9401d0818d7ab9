using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// A dense layer on hardware, y = s·Re(U·Σ′·V†·x) + b (Shen et al., "Deep learning with coherent nanophotonic circuits",
/// Nat. Photonics 11, 441 (2017), their Fig. 1; the mapping is <see cref="PhotonicMatrix"/>): the n real inputs drive
/// the first modes of an N-mode mesh V† (N = max(n, m), the other modes dark; a push-pull modulator writes the sign as a
/// phase of 0 or π), a column of N attenuators of field transmission Σ′ = Σ/σ_max ∈ [0, 1] follows, then a second mesh U,
/// and the first m output modes are read by coherent (homodyne) detection against a local oscillator in phase with the
/// laser: the detector gives the in-phase quadrature Re(z). The electronics then apply the gain s = σ_max (the scale the
/// optics cannot carry) and the bias b. With ideal meshes programmed from the SVD of a dense layer's W this is exactly
/// x·W + b; with defects the meshes realise another matrix W̃ and the layer gives s·Re(W̃′·x) + b.
/// <para>
/// Parameters: the two meshes' phases (children <c>input</c> = V† and <c>output</c> = U, each a
/// <see cref="PhotonicLinear{T}"/>, so <see cref="PhotonicChip"/> puts defects, thermal drift and training phase noise
/// on them) and the bias are trained. The attenuator column (<c>transmission</c>, clipped to [0, 1] when applied) and
/// the electronic gain (<c>gain</c>) are programmed by <see cref="Program"/> and held constant: they are parameters
/// only so that a saved model keeps them, they take no part in the tape, so they receive no gradient (train without
/// weight decay, which would shrink them).
/// </para>
/// </summary>
/// <typeparam name="T">float or double (the meshes compute in double).</typeparam>
public sealed class PhotonicDense<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer of <paramref name="units"/> outputs for samples [features], meshes of <paramref name="mesh"/>.</summary>
    public PhotonicDense(int[] inputShape, int units, MeshKind mesh, SeededRandom random, bool bias = true) : base("photonic-dense", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 1 || inputShape[0] < 1)
        {
            throw new ArgumentException($"photonic-dense takes samples [features], got [{string.Join(", ", inputShape)}]", nameof(inputShape));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        int modes = Math.Max(inputShape[0], units);
        Input = AddModule("input", new PhotonicLinear<T>(inputShape, modes, mesh, modes, random.Fork(1)));
        Output = AddModule("output", new PhotonicLinear<T>([modes], units, mesh, modes, random.Fork(2)));
        Transmission = AddParameter("transmission", Init.Constant<T>(1.0, modes));
        Gain = AddParameter("gain", Init.Constant<T>(1.0, 1));
        Transmission.Trainable = false;
        Gain.Trainable = false;
        Bias = bias ? AddParameter("bias", Init.Constant<T>(0.0, units)) : null;
        OutputShape = [units];
    }

    /// <summary>The mesh light meets first (V†), N modes in, N out.</summary>
    public PhotonicLinear<T> Input { get; }

    /// <summary>The mesh light meets second (U), N modes in, m kept.</summary>
    public PhotonicLinear<T> Output { get; }

    /// <summary>Field transmissions Σ′ of the attenuator column [N] (programmed, not trained).</summary>
    public Parameter<T> Transmission { get; }

    /// <summary>The electronic gain s [1] (programmed, not trained).</summary>
    public Parameter<T> Gain { get; }

    /// <summary>The bias b [m], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>N, the modes of both meshes.</summary>
    public int Modes => Input.Layout.Modes;

    /// <summary>m, the outputs.</summary>
    public int Units => Output.Units;

    /// <summary>
    /// Programs the layer from a mapped matrix (<paramref name="matrix"/>: <see cref="PhotonicMatrix.Rows"/> = m outputs,
    /// <see cref="PhotonicMatrix.Columns"/> = n inputs, on meshes of this layer's kind) and the electronic bias.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes, mesh kind or bias length differ from the layer's.</exception>
    public void Program(PhotonicMatrix matrix, ReadOnlySpan<double> bias)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != Units || matrix.Columns != InputShapes[0][0] || matrix.Modes != Modes || matrix.InputMesh.Layout.Kind != Input.Layout.Kind)
        {
            throw new ArgumentException(
                $"a {matrix.Rows}×{matrix.Columns} {matrix.InputMesh.Layout.Kind} mapping on {matrix.Modes} modes does not fit {Describe()} ({Units}×{InputShapes[0][0]}, {Input.Layout.Kind}, {Modes} modes)", nameof(matrix));
        }
        if (bias.Length != (Bias?.Length ?? 0))
        {
            throw new ArgumentException($"{Describe()} has {Bias?.Length ?? 0} biases, not {bias.Length}", nameof(bias));
        }
        Set(Input, matrix.InputMesh.Phases);
        Set(Output, matrix.OutputMesh.Phases);
        for (int j = 0; j < Modes; j++)
        {
            Transmission.Span[j] = T.CreateTruncating(matrix.Attenuation[j]);
        }
        Gain.Span[0] = T.CreateTruncating(matrix.Scale);
        for (int j = 0; j < bias.Length; j++)
        {
            Bias!.Span[j] = T.CreateTruncating(bias[j]);
        }
    }

    /// <summary>
    /// The m×n complex matrix the layer's optics realise now, row-major: s·U·diag(Σ′)·V† restricted to the first m
    /// outputs and n inputs, with each mesh's static defects (<see cref="PhotonicLinear{T}.Defects"/>; thermal offsets
    /// are not included). The layer's output is Re of this matrix times x, plus the bias.
    /// </summary>
    public Complex[] RealisedMatrix()
    {
        int n = InputShapes[0][0], m = Units, modes = Modes;
        Complex[] v = MeshOf(Input).Matrix(), u = MeshOf(Output).Matrix();
        double gain = double.CreateTruncating(Gain.Span[0]);
        var w = new Complex[m * n];
        for (int k = 0; k < modes; k++)
        {
            double t = Math.Clamp(double.CreateTruncating(Transmission.Span[k]), 0, 1);
            for (int i = 0; i < m; i++)
            {
                Complex uik = gain * t * u[(i * modes) + k];
                for (int j = 0; j < n; j++)
                {
                    w[(i * n) + j] += uik * v[(k * modes) + j];
                }
            }
        }
        return w;
    }

    private static MziMesh MeshOf(PhotonicLinear<T> layer)
    {
        static double[] D(Parameter<T> p)
        {
            double[] d = new double[p.Length];
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = double.CreateTruncating(p.Span[i]);
            }
            return d;
        }
        var phases = new MeshPhases(layer.Layout, D(layer.Theta), D(layer.Phi), D(layer.Alpha));
        return new MziMesh(phases, layer.Defects.Any ? layer.Defects.Realize(layer.Layout) : null);
    }

    private static void Set(PhotonicLinear<T> layer, MeshPhases phases)
    {
        for (int k = 0; k < phases.Theta.Length; k++)
        {
            layer.Theta.Span[k] = T.CreateTruncating(phases.Theta[k]);
            layer.Phi.Span[k] = T.CreateTruncating(phases.Phi[k]);
        }
        for (int m = 0; m < phases.Alpha.Length; m++)
        {
            layer.Alpha.Span[m] = T.CreateTruncating(phases.Alpha[m]);
        }
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Tape<T> tape = Tape<T>.Of(input);
        var transmission = new Tensor<T>(Modes);
        for (int j = 0; j < Modes; j++)
        {
            transmission.Span[j] = T.Clamp(Transmission.Span[j], T.Zero, T.One);
        }
        Variable<T> z = Ops.Multiply(Input.Forward(input), tape.Input(transmission));
        Variable<T> y = Ops.Scale(Ops.Real(Output.Forward(z)), Gain.Span[0]);
        return Bias is null ? y : Ops.Add(y, Bias);
    }
}

/// <summary>
/// Spec kind "photonic-dense": settings units, mesh (clements | reck), bias (true). Built with identity-like random
/// phases, unit transmissions and gain 1; <see cref="PhotonicMapping"/> programs it from a trained dense layer.
/// </summary>
internal sealed class PhotonicDenseFactory : IModuleFactory
{
    public string Kind => "photonic-dense";

    public string Summary => "dense layer as two MZI meshes + attenuators, coherent detection, electronic gain and bias; units, mesh = clements|reck, bias = true";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int[] input = context.InputOfRank(1, "samples [features]");
        int units = s.PositiveInt("units");
        MeshKind mesh = s.ChoiceOr("mesh", "clements", "clements", "reck") == "reck" ? MeshKind.Reck : MeshKind.Clements;
        bool bias = s.BoolOr("bias", true);
        s.RejectUnknown("units", "mesh", "bias");
        if (Math.Max(input[0], units) > 4096)
        {
            throw s.Error($"needs {Math.Max(input[0], units)} modes, more than 4096, the largest mesh this layer builds");
        }
        return new PhotonicDense<T>(input, units, mesh, context.Random, bias);
    }
}
