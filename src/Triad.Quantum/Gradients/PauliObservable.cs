using System.Globalization;
using System.Numerics;
using System.Text;

namespace Triad.Quantum.Gradients;

/// <summary>
/// A Hermitian observable O = Σₜ cₜ Pₜ, a real combination of Pauli strings Pₜ = ⊗ₖ σₖ with σ ∈ {I, X, Y, Z} on
/// qubit k. Written as text: terms joined by + or −, each an optional real coefficient and factors such as
/// <c>Z0</c>, <c>X1</c>, <c>Y3</c> joined by <c>*</c> (or written side by side), e.g. <c>Z0</c>,
/// <c>0.5*Z0*Z1 - X2</c>, <c>2 I</c> for a constant. Immutable.
/// <para>
/// A Pauli string acts on a basis state as P|i⟩ = i^{#Y} (−1)^{popcount(i ∧ (zmask ∨ ymask))} |i ⊕ (xmask ∨ ymask)⟩
/// (X|b⟩ = |1−b⟩, Y|b⟩ = i(−1)^b|1−b⟩, Z|b⟩ = (−1)^b|b⟩; Nielsen &amp; Chuang §2.1.3).
/// </para>
/// </summary>
public sealed class PauliObservable
{
    private readonly PauliTerm[] _terms;

    /// <summary>Creates the observable Σ terms.</summary>
    public PauliObservable(IEnumerable<PauliTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = [.. terms];
        if (_terms.Length == 0)
        {
            throw new ArgumentException("an observable needs at least one term", nameof(terms));
        }
    }

    /// <summary>The terms.</summary>
    public IReadOnlyList<PauliTerm> Terms => _terms;

    /// <summary>The highest qubit the observable touches, −1 for a constant.</summary>
    public int MaxQubit => _terms.Max(t => t.Support == 0 ? -1 : 63 - BitOperations.LeadingZeroCount((ulong)t.Support));

    /// <summary>Z on <paramref name="qubit"/>.</summary>
    public static PauliObservable Z(int qubit) => new([new PauliTerm(1, 0, 1L << qubit)]);

    /// <summary>Reads an observable; see the class remarks for the grammar.</summary>
    /// <exception cref="FormatException">The text is not an observable; the message quotes the offending part.</exception>
    public static PauliObservable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<PauliTerm>();
        string s = text.Replace(" ", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            throw new FormatException("empty observable; expected Pauli factors such as Z0 or 0.5*X0*X1");
        }
        int pos = 0;
        while (pos < s.Length)
        {
            double sign = 1;
            if (s[pos] is '+' or '-')
            {
                sign = s[pos] == '-' ? -1 : 1;
                pos++;
            }
            else if (terms.Count > 0)
            {
                throw new FormatException($"expected + or − before '{s[pos..]}' in observable '{text}'");
            }
            int end = pos;
            // A term runs to the next + or − that is not part of a number's exponent.
            while (end < s.Length && !(s[end] is '+' or '-' && end > pos && s[end - 1] is not ('e' or 'E')))
            {
                end++;
            }
            terms.Add(ParseTerm(s[pos..end], sign, text));
            pos = end;
        }
        return new PauliObservable(terms);
    }

    private static PauliTerm ParseTerm(string term, double sign, string text)
    {
        if (term.Length == 0)
        {
            throw new FormatException($"empty term in observable '{text}'");
        }
        double coefficient = sign;
        long x = 0, z = 0;
        int i = 0;
        // Optional leading coefficient.
        int j = 0;
        while (j < term.Length && (char.IsDigit(term[j]) || term[j] == '.' || ((term[j] is 'e' or 'E') && j > 0 && j + 1 < term.Length && (char.IsDigit(term[j + 1]) || term[j + 1] is '+' or '-')) || (j > 0 && term[j] is '+' or '-' && term[j - 1] is 'e' or 'E')))
        {
            j++;
        }
        if (j > 0)
        {
            if (!double.TryParse(term[..j], NumberStyles.Float, CultureInfo.InvariantCulture, out double c) || !double.IsFinite(c))
            {
                throw new FormatException($"bad coefficient '{term[..j]}' in observable '{text}'");
            }
            coefficient *= c;
            i = j;
            if (i < term.Length && term[i] == '*')
            {
                i++;
            }
        }
        bool any = j > 0;
        while (i < term.Length)
        {
            char p = char.ToUpperInvariant(term[i]);
            if (p is not ('I' or 'X' or 'Y' or 'Z'))
            {
                throw new FormatException($"expected a Pauli factor (I, X, Y or Z followed by a qubit) at '{term[i..]}' in observable '{text}'");
            }
            i++;
            int start = i;
            while (i < term.Length && char.IsDigit(term[i]))
            {
                i++;
            }
            if (start == i)
            {
                if (p == 'I')
                {
                    any = true;
                    if (i < term.Length && term[i] == '*')
                    {
                        i++;
                    }
                    continue;
                }
                throw new FormatException($"Pauli factor '{p}' has no qubit index in observable '{text}'");
            }
            if (!int.TryParse(term[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out int q) || q > 62)
            {
                throw new FormatException($"qubit index '{term[start..i]}' out of range in observable '{text}'");
            }
            long bit = 1L << q;
            if (((x | z) & bit) != 0)
            {
                throw new FormatException($"qubit {q} appears twice in a term of observable '{text}'");
            }
            if (p is 'X' or 'Y')
            {
                x |= bit;
            }
            if (p is 'Z' or 'Y')
            {
                z |= bit;
            }
            any = true;
            if (i < term.Length && term[i] == '*')
            {
                i++;
            }
        }
        if (!any)
        {
            throw new FormatException($"empty term in observable '{text}'");
        }
        return new PauliTerm(coefficient, x, z);
    }

    /// <summary>Checks that every factor lies on a qubit of an <paramref name="qubits"/>-qubit state.</summary>
    /// <exception cref="ArgumentException">A factor lies outside.</exception>
    public void CheckQubits(int qubits)
    {
        if (MaxQubit >= qubits)
        {
            throw new ArgumentException($"observable '{this}' acts on qubit {MaxQubit}, outside the circuit's {qubits} qubits");
        }
    }

    /// <summary>⟨ψ|O|ψ⟩ (real for a Hermitian O).</summary>
    public double Expectation(ReadOnlySpan<Complex> state)
    {
        double sum = 0;
        foreach (PauliTerm t in _terms)
        {
            sum += t.Coefficient * t.ExpectationOfString(state);
        }
        return sum;
    }

    /// <summary>destination += <paramref name="scale"/>·O|ψ⟩.</summary>
    public void AddApplied(ReadOnlySpan<Complex> state, Span<Complex> destination, double scale = 1)
    {
        foreach (PauliTerm t in _terms)
        {
            t.AddApplied(state, destination, scale * t.Coefficient);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" + ", _terms.Select(t => t.ToString())).Replace("+ -", "- ", StringComparison.Ordinal);
}

/// <summary>
/// One term c·P of a <see cref="PauliObservable"/>: P has X on the bits of <see cref="XMask"/> only, Z on
/// <see cref="ZMask"/> only and Y where both are set.
/// </summary>
public readonly record struct PauliTerm(double Coefficient, long XMask, long ZMask)
{
    /// <summary>The qubits the string acts on.</summary>
    public long Support => XMask | ZMask;

    /// <summary>Number of Y factors.</summary>
    public int YCount => BitOperations.PopCount((ulong)(XMask & ZMask));

    /// <summary>i^{#Y}.</summary>
    private Complex YPhase => (YCount & 3) switch
    {
        0 => Complex.One,
        1 => Complex.ImaginaryOne,
        2 => -Complex.One,
        _ => -Complex.ImaginaryOne,
    };

    /// <summary>⟨ψ|P|ψ⟩ for the string without its coefficient.</summary>
    public double ExpectationOfString(ReadOnlySpan<Complex> state)
    {
        long flip = XMask, sign = ZMask;
        double sum = 0;
        if (flip == 0)
        {
            for (int i = 0; i < state.Length; i++)
            {
                double p = (state[i].Real * state[i].Real) + (state[i].Imaginary * state[i].Imaginary);
                sum += (BitOperations.PopCount((ulong)(i & sign)) & 1) == 0 ? p : -p;
            }
            return sum;
        }
        Complex acc = Complex.Zero;
        for (int i = 0; i < state.Length; i++)
        {
            Complex v = Complex.Conjugate(state[(int)(i ^ flip)]) * state[i];
            acc += (BitOperations.PopCount((ulong)(i & sign)) & 1) == 0 ? v : -v;
        }
        return (YPhase * acc).Real;
    }

    /// <summary>destination += scale·P|ψ⟩.</summary>
    public void AddApplied(ReadOnlySpan<Complex> state, Span<Complex> destination, double scale)
    {
        long flip = XMask, sign = ZMask;
        Complex phase = YPhase * scale;
        for (int i = 0; i < state.Length; i++)
        {
            Complex v = phase * state[i];
            destination[(int)(i ^ flip)] += (BitOperations.PopCount((ulong)(i & sign)) & 1) == 0 ? v : -v;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Coefficient.ToString("R", CultureInfo.InvariantCulture));
        long support = Support;
        for (int q = 0; q < 63; q++)
        {
            long bit = 1L << q;
            if ((support & bit) != 0)
            {
                sb.Append('*').Append((XMask & bit) != 0 ? ((ZMask & bit) != 0 ? 'Y' : 'X') : 'Z').Append(q.ToString(CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
