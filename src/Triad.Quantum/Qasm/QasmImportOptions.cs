namespace Triad.Quantum.Qasm;

/// <summary>Options of <see cref="QasmImporter"/>.</summary>
/// <param name="AllowFreeParameters">Keep identifiers in top-level expressions as symbols bound at run time
/// (an extension of OpenQASM 2); when false they are errors ("unbound parameter").</param>
/// <param name="IncludeDirectory">Where <c>include</c> looks for files when parsing text rather than a file.</param>
/// <param name="Lenient">Skip a <c>measure</c> that names an undeclared register, reporting it through
/// <paramref name="Warn"/>, instead of failing. QASMBench's vqe_uccsd_n4/n6/n8 end with such measurements
/// (of <c>q</c> into <c>c</c>, but the file declares only <c>reg</c>); a final measurement does not change the
/// ideal distribution, so nothing else is lost.</param>
/// <param name="Warn">Receives one line per skipped statement (<c>file:line:column: …</c>).</param>
public sealed record QasmImportOptions(bool AllowFreeParameters = false, string? IncludeDirectory = null, bool Lenient = false, Action<string>? Warn = null);
