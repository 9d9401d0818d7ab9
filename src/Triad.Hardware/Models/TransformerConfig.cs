using Triad.Hardware.Catalog;

namespace Triad.Hardware.Models;

/// <summary>
/// A Llama-style decoder-only transformer: token embedding, <see cref="Layers"/> blocks of RMSNorm → grouped-query
/// attention (<see cref="Heads"/> query heads, <see cref="KvHeads"/> key/value heads, head size hidden/heads, rotary
/// positions) → residual, RMSNorm → SwiGLU feed-forward (gate, up: hidden→ffn; down: ffn→hidden) → residual, a
/// final RMSNorm and an output projection to the vocabulary (its own weights unless <see cref="TiedEmbeddings"/>).
/// Touvron et al., "LLaMA", arXiv:2302.13971 (2023); Ainslie et al., "GQA", arXiv:2305.13245 (2023).
/// </summary>
/// <param name="Id">Catalog id, e.g. "llama-2-7b".</param>
/// <param name="Name">Full name.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Hidden">Model width h.</param>
/// <param name="Ffn">Feed-forward width.</param>
/// <param name="Heads">Query heads.</param>
/// <param name="KvHeads">Key/value heads (equal to <paramref name="Heads"/> without GQA).</param>
/// <param name="Vocab">Vocabulary size V.</param>
/// <param name="SequenceLength">Training sequence length s.</param>
/// <param name="TiedEmbeddings">Whether the output projection reuses the embedding matrix.</param>
/// <param name="TrainingTokens">Tokens the published model was trained on, with its source, or null.</param>
/// <param name="PublishedParameters">Parameter count the publisher states, with its source, or null.</param>
/// <param name="Sources">Source key → citation.</param>
public sealed record TransformerConfig(string Id, string Name, int Layers, int Hidden, int Ffn, int Heads, int KvHeads, int Vocab,
    int SequenceLength, bool TiedEmbeddings, SourcedValue? TrainingTokens, SourcedValue? PublishedParameters,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>Head size, hidden / heads.</summary>
    public int HeadSize => Hidden / Heads;

    /// <summary>Width of the key and value projections, kvHeads · headSize.</summary>
    public long KvWidth => (long)KvHeads * HeadSize;

    /// <summary>
    /// Trained parameters: V·h (embedding) + V·h (output, unless tied) + h (final norm)
    /// + layers · (2h² + 2h·kvWidth [q, o, k, v] + 3h·ffn [gate, up, down] + 2h [norms]). No biases (Llama).
    /// </summary>
    public long ParameterCount =>
        (long)Vocab * Hidden * (TiedEmbeddings ? 1 : 2) + Hidden + Layers * NonEmbeddingParametersPerLayer;

    /// <summary>Parameters of one block.</summary>
    public long NonEmbeddingParametersPerLayer =>
        2L * Hidden * Hidden + 2L * Hidden * KvWidth + 3L * Hidden * Ffn + 2L * Hidden;

    /// <summary>Checks the shape rules; throws naming the field.</summary>
    /// <exception cref="HardwareDataException">A size is below 1, hidden is not a multiple of heads, or heads of kvHeads.</exception>
    public void Validate()
    {
        foreach ((string field, int value) in (ReadOnlySpan<(string, int)>)[("layers", Layers), ("hidden", Hidden), ("ffn", Ffn),
                     ("heads", Heads), ("kvHeads", KvHeads), ("vocab", Vocab), ("sequenceLength", SequenceLength)])
        {
            if (value < 1)
            {
                throw new HardwareDataException($"model '{Id}': {field} {value} must be at least 1");
            }
        }
        if (Hidden % Heads != 0)
        {
            throw new HardwareDataException($"model '{Id}': hidden {Hidden} must be a multiple of heads {Heads}");
        }
        if (Heads % KvHeads != 0)
        {
            throw new HardwareDataException($"model '{Id}': heads {Heads} must be a multiple of kvHeads {KvHeads}");
        }
    }
}
