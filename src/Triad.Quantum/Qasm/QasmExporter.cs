using System.Text;
using Triad.Quantum.Circuits;

namespace Triad.Quantum.Qasm;

/// <summary>
/// Writes a circuit as OpenQASM 2.0 with <c>include "qelib1.inc"</c>: its registers, then one statement per
/// instruction. Numbers print in the round-trip format, so importing the text gives the same circuit
/// (<see cref="QuantumCircuit.ToCanonicalText"/> equal). Symbolic parameters print by name (read them back with
/// <see cref="QasmImportOptions.AllowFreeParameters"/>).
/// </summary>
public static class QasmExporter
{
    /// <summary>The OpenQASM text of <paramref name="circuit"/>.</summary>
    public static string Write(QuantumCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var sb = new StringBuilder();
        sb.Append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        foreach (Register r in circuit.QuantumRegisters)
        {
            sb.Append($"qreg {r.Name}[{r.Size}];\n");
        }
        foreach (Register r in circuit.ClassicalRegisters)
        {
            sb.Append($"creg {r.Name}[{r.Size}];\n");
        }
        foreach (Instruction i in circuit.Instructions)
        {
            if (i.Condition is { } c)
            {
                sb.Append($"if({c.Register.Name}=={c.Value}) ");
            }
            string qubits = string.Join(",", i.Qubits.Select(q => Bit(circuit.QuantumRegisters, q)));
            switch (i.Kind)
            {
                case InstructionKind.Measure:
                    sb.Append($"measure {qubits} -> {Bit(circuit.ClassicalRegisters, i.Clbit)};\n");
                    break;
                case InstructionKind.Reset:
                    sb.Append($"reset {qubits};\n");
                    break;
                case InstructionKind.Barrier:
                    sb.Append($"barrier {qubits};\n");
                    break;
                default:
                    string p = i.Parameters.Count == 0 ? "" : "(" + string.Join(",", i.Parameters.Select(e => e.ToQasm())) + ")";
                    sb.Append($"{i.Name}{p} {qubits};\n");
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Writes the text to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public static void Save(QuantumCircuit circuit, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = Write(circuit);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string Bit(IReadOnlyList<Register> registers, int index)
    {
        foreach (Register r in registers)
        {
            if (index >= r.Offset && index < r.Offset + r.Size)
            {
                return $"{r.Name}[{index - r.Offset}]";
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, "bit outside every register");
    }
}
