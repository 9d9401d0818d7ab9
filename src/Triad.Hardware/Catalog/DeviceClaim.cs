namespace Triad.Hardware.Catalog;

/// <summary>
/// A vendor's or an article's statement about a device that Triad cannot check against a measurement. It is kept
/// beside the profile, marked unverified, and never read by a cost model.
/// </summary>
/// <param name="Text">The claim as stated.</param>
/// <param name="Value">Its number, if it has one.</param>
/// <param name="Unit">The unit of <paramref name="Value"/>, or null.</param>
/// <param name="Source">Key into the file's <c>sources</c>.</param>
/// <param name="Status">Always "unverified" in this version of the schema.</param>
public sealed record DeviceClaim(string Text, double? Value, string? Unit, string Source, string Status);
