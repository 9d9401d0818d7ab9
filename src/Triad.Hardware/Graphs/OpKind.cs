namespace Triad.Hardware.Graphs;

/// <summary>What an operator computes, which decides the devices that can run it.</summary>
public enum OpKind
{
    /// <summary>A (batched) matrix product: 2·m·n·k FLOPs. The one kind a photonic mesh can run.</summary>
    MatMul,

    /// <summary>An element-wise map (add, activation, rotary embedding).</summary>
    Elementwise,

    /// <summary>A normalisation over the last axis (RMSNorm, LayerNorm).</summary>
    Normalization,

    /// <summary>A softmax over the last axis.</summary>
    Softmax,

    /// <summary>A table look-up (token embedding): bytes, no FLOPs.</summary>
    Embedding,

    /// <summary>A quantum circuit run for some shots; only a QPU runs it.</summary>
    QuantumCircuit,

    /// <summary>
    /// Scaled dot-product attention as one op (scores, softmax, context): it holds a softmax, so a photonic mesh
    /// cannot run it whole.
    /// </summary>
    Attention,

    /// <summary>A reduction over an axis or a window (sum, mean, max-pooling, a loss).</summary>
    Reduction,

    /// <summary>Moves or copies values without arithmetic (reshape, transpose, concatenation, slicing).</summary>
    DataMovement,
}
