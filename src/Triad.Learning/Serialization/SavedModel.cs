using Triad.Learning.Models;
using Triad.Learning.Training;

namespace Triad.Learning.Serialization;

/// <summary>A model read from a file, with its metadata and, for a checkpoint, the training state.</summary>
/// <param name="Model">The model with its saved weights (a <see cref="Model{T}"/> of the stored precision).</param>
/// <param name="Metadata">How it was made.</param>
/// <param name="Training">Training state when the file is a checkpoint, otherwise null.</param>
/// <param name="FormatVersion">The model.json version the file was written in (1 or 2).</param>
public sealed record SavedModel(IModel Model, ModelMetadata Metadata, TrainingState? Training, int FormatVersion);
