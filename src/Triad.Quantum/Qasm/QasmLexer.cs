namespace Triad.Quantum.Qasm;

/// <summary>Splits OpenQASM 2.0 text into tokens; skips white space, <c>//</c> and <c>/* */</c> comments.</summary>
internal static class QasmLexer
{
    public static List<QasmToken> Tokenize(string text, string file)
    {
        var tokens = new List<QasmToken>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            // White space and comments.
            while (i < text.Length)
            {
                char ch = text[i];
                if (ch == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (char.IsWhiteSpace(ch))
                {
                    i++;
                }
                else if (ch == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (ch == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    int startLine = line, startColumn = i - lineStart + 1;
                    i += 2;
                    while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                    {
                        if (text[i] == '\n')
                        {
                            line++;
                            lineStart = i + 1;
                        }
                        i++;
                    }
                    if (i >= text.Length)
                    {
                        throw new QasmException(file, startLine, startColumn, "unterminated comment");
                    }
                    i += 2;
                }
                else
                {
                    break;
                }
            }
            int column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new QasmToken(QasmTokenKind.End, "", line, column));
                return tokens;
            }
            char c = text[i];
            int start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new QasmToken(QasmTokenKind.Identifier, text[start..i], line, column));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                bool real = false;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (i < text.Length && text[i] == '.')
                {
                    real = true;
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    int save = i;
                    i++;
                    if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                    {
                        i++;
                    }
                    if (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        real = true;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }
                    else
                    {
                        i = save;
                    }
                }
                tokens.Add(new QasmToken(real ? QasmTokenKind.Real : QasmTokenKind.Integer, text[start..i], line, column));
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n')
                {
                    i++;
                }
                if (i >= text.Length || text[i] != '"')
                {
                    throw new QasmException(file, line, column, "unterminated string");
                }
                tokens.Add(new QasmToken(QasmTokenKind.String, text[(start + 1)..i], line, column));
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, "->", line, column));
                i += 2;
            }
            else if (c == '=' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, "==", line, column));
                i += 2;
            }
            else if (";,()[]{}+-*/^".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, c.ToString(), line, column));
                i++;
            }
            else
            {
                throw new QasmException(file, line, column, $"unexpected character '{c}'");
            }
        }
    }
}
