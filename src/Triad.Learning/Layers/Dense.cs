using Triad.Numerics.Kernels;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>
/// Fully connected layer: y = x·W + b with x [B, in], W [in, out], b [out].
/// Backward: ∂W += xᵀ·∂y, ∂b += Σ_rows ∂y, ∂x = ∂y·Wᵀ.
/// Initialisation: W ~ N(0, 2/in) (He et al., "Delving deep into rectifiers", ICCV 2015), b = 0.
/// </summary>
public sealed class Dense : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private Tensor<double>? _input;

    /// <summary>Creates the layer for inputs of <paramref name="inputs"/> features, initialised from <paramref name="random"/>.</summary>
    public Dense(int inputs, int outputs, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        InputShape = [inputs];
        OutputShape = [outputs];
        var w = new Tensor<double>(inputs, outputs);
        random.FillGaussian(w.Span, 0.0, Math.Sqrt(2.0 / inputs));
        _weight = new Parameter("weight", w);
        _bias = new Parameter("bias", new Tensor<double>(outputs));
    }

    /// <inheritdoc />
    public override string Kind => "dense";

    /// <summary>Input features.</summary>
    public int Inputs => InputShape[0];

    /// <summary>Output features.</summary>
    public int Outputs => OutputShape[0];

    /// <summary>The weight matrix [in, out].</summary>
    public Parameter Weight => _weight;

    /// <summary>The bias vector [out].</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override long MultiplyAccumulatesPerSample => (long)Inputs * Outputs;

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        CheckInput(input);
        _input = input;
        int batch = input.Dim(0);
        var output = new Tensor<double>(batch, Outputs);
        Gemm.Multiply(false, false, batch, Outputs, Inputs, 1.0, input.Data, Inputs, _weight.Value.Data, Outputs, 0.0, output.Data, Outputs);
        RowKernels.AddToEachRow(output.Span, _bias.Value.ReadOnlySpan);
        return output;
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient)
    {
        BackwardParametersOnly(outputGradient);
        int batch = outputGradient.Dim(0);
        var inputGradient = new Tensor<double>(batch, Inputs);
        Gemm.Multiply(false, true, batch, Inputs, Outputs, 1.0, outputGradient.Data, Outputs, _weight.Value.Data, Outputs, 0.0, inputGradient.Data, Inputs);
        return inputGradient;
    }

    /// <inheritdoc />
    public override void BackwardParametersOnly(Tensor<double> outputGradient)
    {
        CheckGradient(_input, outputGradient);
        Tensor<double> x = _input!;
        Gemm.Multiply(true, false, Inputs, Outputs, x.Dim(0), 1.0, x.Data, Inputs, outputGradient.Data, Outputs, 1.0, _weight.Gradient.Data, Outputs);
        RowKernels.AddColumnSums(outputGradient.ReadOnlySpan, _bias.Gradient.Span);
    }

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new("dense", new Dictionary<string, double> { ["units"] = Outputs });
}
