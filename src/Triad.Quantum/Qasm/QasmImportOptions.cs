namespace Triad.Quantum.Qasm;

/// <summary>Options of <see cref="QasmImporter"/>.</summary>
/// <param name="AllowFreeParameters">Keep identifiers in top-level expressions as symbols bound at run time
/// (an extension of OpenQASM 2); when false they are errors ("unbound parameter").</param>
/// <param name="IncludeDirectory">Where <c>include</c> looks for files when parsing text rather than a file.</param>
public sealed record QasmImportOptions(bool AllowFreeParameters = false, string? IncludeDirectory = null);
