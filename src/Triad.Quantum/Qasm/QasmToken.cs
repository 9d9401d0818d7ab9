namespace Triad.Quantum.Qasm;

/// <summary>Kinds of OpenQASM tokens.</summary>
internal enum QasmTokenKind
{
    Identifier,
    Integer,
    Real,
    String,
    Symbol,
    End,
}

/// <summary>One token with its 1-based line and column.</summary>
internal readonly record struct QasmToken(QasmTokenKind Kind, string Text, int Line, int Column)
{
    public bool Is(string symbol) => Kind is QasmTokenKind.Symbol or QasmTokenKind.Identifier && Text == symbol;

    public string Describe() => Kind switch
    {
        QasmTokenKind.End => "the end of the file",
        QasmTokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
