using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// One pass of a batch of fields through an MZI mesh, as a differentiable function on the tape. Inputs: the field
/// x [batch, features] (real amplitudes, or complex), and the phases θ [K], φ [K], α [N] of the mesh. The input is
/// put on the first <c>features</c> of the mesh's N modes (the rest dark); the output is the complex field on the
/// first <c>units</c> modes, y = (U·x)[:units], U = diag(e^{iα})·T_K ⋯ T_1 (<see cref="MziMesh"/>).
/// <para>
/// Backward is the adjoint method of <see cref="MziMesh.Backward"/>: the fields are re-created backwards by
/// inverting each MZI, so a call keeps only its output fields, O(batch × N), however deep the mesh. Gradients
/// follow the tape's convention (∂L/∂a + i·∂L/∂b for a complex value a + ib); a real input x, which feeds the
/// complex field x + 0i, gets the real part of its field gradient. The mesh computes in double whatever T is.
/// </para>
/// </summary>
internal sealed class MeshFunction<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MziMesh _mesh;
    private readonly FieldBatch _output;
    private readonly int _features;
    private readonly int _units;
    private readonly bool _complexInput;

    private MeshFunction(MziMesh mesh, FieldBatch output, int features, int units, bool complexInput)
    {
        _mesh = mesh;
        _output = output;
        _features = features;
        _units = units;
        _complexInput = complexInput;
    }

    public override string Kind => "photonic-mesh";

    /// <summary>Per sample and MZI a 2×2 complex matrix on a pair of fields (4 complex multiply–adds, 32 real
    /// operations), and the output phase screen (one complex product, 6 per mode).</summary>
    public override long Flops => (long)_output.BatchSize * ((32L * _mesh.Layout.Count) + (6L * _mesh.Layout.Modes));

    /// <summary>Applies <paramref name="mesh"/> to <paramref name="input"/> and records the call.</summary>
    public static Variable<T> Apply(MziMesh mesh, Variable<T> input, Variable<T> theta, Variable<T> phi, Variable<T> alpha, int units)
    {
        Tape<T> tape = Tape<T>.Of([input, theta, phi, alpha]);
        int batch = input.Shape[0], features = input.Shape[^1], modes = mesh.Layout.Modes;
        var fields = new FieldBatch(modes, batch);
        ReadOnlySpan<T> x = input.Span;
        for (int s = 0; s < batch; s++)
        {
            for (int m = 0; m < features; m++)
            {
                int at = (m * batch) + s;
                if (input.IsComplex)
                {
                    fields.Re[at] = double.CreateTruncating(x[2 * ((s * features) + m)]);
                    fields.Im[at] = double.CreateTruncating(x[(2 * ((s * features) + m)) + 1]);
                }
                else
                {
                    fields.Re[at] = double.CreateTruncating(x[(s * features) + m]);
                }
            }
        }
        mesh.Forward(fields, fields);
        Variable<T> y = tape.NewValue([batch, units], true, tape.AnyRequiresGrad([input, theta, phi, alpha]));
        Span<T> ys = y.Span;
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < units; j++)
            {
                int at = (j * batch) + s;
                ys[2 * ((s * units) + j)] = T.CreateTruncating(fields.Re[at]);
                ys[(2 * ((s * units) + j)) + 1] = T.CreateTruncating(fields.Im[at]);
            }
        }
        tape.Record(new MeshFunction<T>(mesh, fields, features, units, input.IsComplex), y, input, theta, phi, alpha);
        return y;
    }

    protected internal override void Backward(Tensor<T> outputGradient)
    {
        int batch = _output.BatchSize;
        var gradient = new FieldBatch(_output.Modes, batch);
        ReadOnlySpan<T> g = outputGradient.Span;
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < _units; j++)
            {
                int at = (j * batch) + s;
                gradient.Re[at] = double.CreateTruncating(g[2 * ((s * _units) + j)]);
                gradient.Im[at] = double.CreateTruncating(g[(2 * ((s * _units) + j)) + 1]);
            }
        }
        var phases = new MeshGradients(_mesh.Layout);
        _mesh.Backward(_output, gradient, gradient, phases);
        if (NeedsGradient(0))
        {
            int width = _complexInput ? 2 * _features : _features;
            T[] gx = new T[batch * width];
            for (int s = 0; s < batch; s++)
            {
                for (int m = 0; m < _features; m++)
                {
                    int at = (m * batch) + s;
                    if (_complexInput)
                    {
                        gx[2 * ((s * _features) + m)] = T.CreateTruncating(gradient.Re[at]);
                        gx[(2 * ((s * _features) + m)) + 1] = T.CreateTruncating(gradient.Im[at]);
                    }
                    else
                    {
                        gx[(s * _features) + m] = T.CreateTruncating(gradient.Re[at]);
                    }
                }
            }
            AccumulateGradient(0, gx);
        }
        Accumulate(1, phases.Theta);
        Accumulate(2, phases.Phi);
        Accumulate(3, phases.Alpha);
    }

    private void Accumulate(int index, double[] values)
    {
        if (!NeedsGradient(index))
        {
            return;
        }
        T[] converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = T.CreateTruncating(values[i]);
        }
        AccumulateGradient(index, converted);
    }
}
