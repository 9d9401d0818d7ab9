using System.Numerics;

namespace Triad.Photonics.IO;

/// <summary>A matrix read from a file: <see cref="Rows"/> × <see cref="Columns"/> complex entries, row-major.</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="Values">Entries, row-major (entry (i, j) at i·Columns + j).</param>
public sealed record MatrixData(int Rows, int Columns, Complex[] Values);
