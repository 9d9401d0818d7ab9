using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// Scales each sample to unit power, y = x / ‖x‖ with ‖x‖² = Σ_j |x_j|² + ε over the last axis (real or complex): what an
/// optical input stage does when a modulator array encodes the direction of a vector and the laser sets its power, so
/// the network sees inputs of the same optical power whatever their units. Backward (real loss, the tape's
/// convention): ∂x = (g − y·Re⟨y, g⟩) / ‖x‖, with ⟨y, g⟩ = Σ conj(y_j)·g_j.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Normalize<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>ε added to ‖x‖², so an all-zero sample maps to zeros.</summary>
    public const double Epsilon = 1e-12;

    /// <summary>Normalisation for samples of <paramref name="inputShape"/>.</summary>
    public Normalize(int[] inputShape) : base("normalize", inputShape) =>
        OutputShape = (int[])(inputShape ?? throw new ArgumentNullException(nameof(inputShape))).Clone();

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Tape<T> tape = Tape<T>.Of(input);
        int width = input.IsComplex ? 2 * input.Shape[^1] : input.Shape[^1];
        int rows = width == 0 ? 0 : input.Value.Length / width;
        Variable<T> y = tape.NewValue(input.Shape, input.IsComplex, tape.AnyRequiresGrad(input));
        Tensor<T> norms = tape.Allocate(rows);
        ReadOnlySpan<T> x = input.Span;
        Span<T> ys = y.Span;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * width, width);
            T norm = T.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row) + T.CreateTruncating(Epsilon));
            norms.Span[r] = norm;
            System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, ys.Slice(r * width, width));
        }
        tape.Record(new NormalizeFunction(norms, width), y, input);
        return y;
    }

    /// <summary>The backward pass of one call; the real and imaginary parts of a complex row are its 2n real values,
    /// and Re⟨y, g⟩ is their dot product.</summary>
    private sealed class NormalizeFunction(Tensor<T> norms, int width) : Function<T>
    {
        public override string Kind => "normalize";

        public override long Flops => 3L * norms.Length * width;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } gx)
            {
                return;
            }
            ReadOnlySpan<T> y = Output.Span, g = outputGradient.Span;
            Span<T> d = gx.Span;
            for (int r = 0; r < norms.Length; r++)
            {
                ReadOnlySpan<T> yr = y.Slice(r * width, width), gr = g.Slice(r * width, width);
                Span<T> dr = d.Slice(r * width, width);
                T dot = System.Numerics.Tensors.TensorPrimitives.Dot(yr, gr);
                T inverse = T.One / norms.Span[r];
                for (int j = 0; j < width; j++)
                {
                    T value = (gr[j] - (yr[j] * dot)) * inverse;
                    dr[j] = fresh ? value : dr[j] + value;
                }
            }
        }
    }
}

/// <summary>Spec kind "normalize": no settings.</summary>
internal sealed class NormalizeFactory : IModuleFactory
{
    public string Kind => "normalize";

    public string Summary => "each sample scaled to unit power over its last axis (an optical input stage)";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        return new Normalize<T>(context.Input);
    }
}
