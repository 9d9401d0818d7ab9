namespace Triad.Hardware.Catalog;

/// <summary>
/// A number from a data file with the key of its source in the file's <c>sources</c> map (a datasheet, a paper,
/// a model card, or "derived" with the arithmetic in <see cref="Note"/>).
/// </summary>
/// <param name="Value">The number, in the unit the field's name states.</param>
/// <param name="Source">Key into the file's <c>sources</c>.</param>
/// <param name="Note">How the number was read or derived (dense vs sparse, per GPU vs per system), or null.</param>
public sealed record SourcedValue(double Value, string Source, string? Note);
