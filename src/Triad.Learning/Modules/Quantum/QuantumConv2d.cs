using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gradients;

namespace Triad.Learning.Modules.Quantum;

/// <summary>
/// A quantum convolution, QuantumConv2d(inChannels, outChannels, kernel, qubits): every k×k patch of the input (all
/// channels) is projected by a learned linear map to n angles (a convolution with n filters: the classical projection
/// the patch needs when it has more values than qubits), encoded on n qubits by RY(x_i)|0⟩, passed through a
/// trainable circuit of <see cref="Depth"/> layers — RY(w_{l,i,0})·RZ(w_{l,i,1}) on every qubit, then CNOTs
/// i → i+1 around a ring — and read out as ⟨Z_i⟩ ∈ [−1, 1]; a learned linear map (a dense layer per position) takes
/// the n read-outs to the output channels. All patches of a batch are simulated together, one state vector each;
/// gradients come by the adjoint method, or by the parameter-shift rule from <see cref="Shots"/> shots per term when
/// shots are set (the shots drawn from the pass's stream for this module). Stride 1, no padding.
/// Henderson et al., "Quanvolutional neural networks", Quantum Mach. Intell. 2, 2 (2020), for the patch-wise circuit
/// filter; trainable circuits and read-out as in TorchQuantum's QuantumConv examples.
/// </summary>
/// <typeparam name="T">float or double (the circuit runs in complex128).</typeparam>
public sealed class QuantumConv2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DifferentiableCircuit _circuit;
    private readonly PauliObservable[] _observables;
    private readonly int _gateCount;

    /// <summary>The layer for inputs [channels, height, width].</summary>
    public QuantumConv2d(int[] inputShape, int filters, int kernel, int qubits, int depth, int shots, SeededRandom random) : base("quantum-conv2d", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 3)
        {
            throw new ArgumentException($"quantum-conv2d takes samples [channels, height, width], got [{string.Join(", ", inputShape)}]", nameof(inputShape));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qubits, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        Qubits = qubits;
        Depth = depth;
        Shots = shots;
        Projection = AddModule("projection", new Conv2d<T>(inputShape, qubits, kernel, 1, 0, random.Fork(1)));
        Weights = AddParameter("weights", Init.Uniform<T>(random.Fork(2), 0, 2 * Math.PI, depth, qubits, 2));
        Readout = AddModule("readout", new Dense<T>([qubits], filters, random.Fork(3), init: "xavier"));
        (_circuit, _gateCount) = BuildCircuit(qubits, depth);
        _observables = [.. Enumerable.Range(0, qubits).Select(PauliObservable.Z)];
        int[] projected = Projection.OutputShape;
        OutputShape = [filters, projected[1], projected[2]];
    }

    /// <summary>n, qubits per patch.</summary>
    public int Qubits { get; }

    /// <summary>Trainable layers of the circuit.</summary>
    public int Depth { get; }

    /// <summary>Shots per Pauli term (0: exact expectations, adjoint gradients).</summary>
    public int Shots { get; }

    /// <summary>The patch → angles projection (a convolution with one filter per qubit).</summary>
    public Conv2d<T> Projection { get; }

    /// <summary>Circuit weights [depth, qubits, 2] (rad): the RY and RZ angles of each layer and qubit.</summary>
    public Parameter<T> Weights { get; }

    /// <summary>The read-outs → output channels map.</summary>
    public Dense<T> Readout { get; }

    /// <summary>The circuit: input symbols x0..x{n−1}, then weights w{l}_{i}_{a} in the order of <see cref="Weights"/>.</summary>
    private static (DifferentiableCircuit Circuit, int Gates) BuildCircuit(int qubits, int depth)
    {
        var circuit = new QuantumCircuit(qubits);
        var parameters = new List<string>();
        for (int i = 0; i < qubits; i++)
        {
            parameters.Add($"x{i}");
            circuit.Gate("ry", [i], [ParameterExpression.Symbol($"x{i}")]);
        }
        var weights = new List<string>();
        for (int l = 0; l < depth; l++)
        {
            for (int i = 0; i < qubits; i++)
            {
                weights.Add($"w{l}_{i}_0");
                weights.Add($"w{l}_{i}_1");
                circuit.Gate("ry", [i], [ParameterExpression.Symbol($"w{l}_{i}_0")]);
                circuit.Gate("rz", [i], [ParameterExpression.Symbol($"w{l}_{i}_1")]);
            }
            for (int i = 0; qubits > 1 && i < (qubits == 2 ? 1 : qubits); i++)
            {
                circuit.Gate("cx", [i, (i + 1) % qubits]);
            }
        }
        parameters.AddRange(weights);
        return (new DifferentiableCircuit(circuit, parameters), circuit.Instructions.Count);
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Variable<T> angles = Projection.Forward(input);                      // [B, n, H', W']
        int batch = angles.Shape[0], height = angles.Shape[2], width = angles.Shape[3];
        Variable<T> rows = Ops.Reshape(Ops.Permute(angles, 0, 2, 3, 1), batch * height * width, Qubits);
        GradientOptions options = Shots == 0
            ? new GradientOptions()
            : new GradientOptions(GradientMethod.ParameterShift, Shots, Tape<T>.Of(input).RandomFor(this).NextUInt64());
        Variable<T> z = CircuitFunction<T>.Apply(_circuit, _gateCount, _observables, rows, Ops.Reshape(Weights, Weights.Length), options);
        Variable<T> channels = Ops.Reshape(Readout.Forward(z), batch, height, width, Readout.OutputShape[0]); // [B, H', W', out]
        return Ops.Permute(channels, 0, 3, 1, 2);
    }
}

/// <summary>Spec kind "quantum-conv2d": settings filters, kernel, qubits, depth (= 2), shots (= 0: exact, adjoint gradients).</summary>
internal sealed class QuantumConv2dFactory : IModuleFactory
{
    public string Kind => "quantum-conv2d";

    public string Summary => "quantum convolution: patches → learned projection → n-qubit trainable circuit → ⟨Z⟩ → channels; filters, kernel, qubits, depth = 2, shots = 0";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int[] input = context.InputOfRank(3, "samples [channels, height, width]");
        int filters = s.PositiveInt("filters");
        int kernel = s.PositiveInt("kernel");
        int qubits = s.PositiveInt("qubits");
        int depth = s.IntOr("depth", 2, 1);
        int shots = s.IntOr("shots", 0, 0);
        s.RejectUnknown("filters", "kernel", "qubits", "depth", "shots");
        if (qubits > 16)
        {
            throw s.Error($"qubits {qubits} is more than 16, the most this layer simulates per patch");
        }
        if (kernel > input[1] || kernel > input[2])
        {
            throw s.Error($"kernel {kernel} does not fit the input [{string.Join(", ", input)}]");
        }
        return new QuantumConv2d<T>(input, filters, kernel, qubits, depth, shots, context.Random);
    }
}
