namespace Triad.Quantum.Tests.Support;

/// <summary>The vendored QASMBench circuits (tests/Triad.Quantum.Tests/qasmbench, copied next to the test binaries).</summary>
public static class QasmBench
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "qasmbench");

    public static IEnumerable<object[]> Small() =>
        Directory.GetFiles(Folder, "*.qasm").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> All() =>
        Small().Concat(Directory.GetFiles(Path.Combine(Folder, "medium"), "*.qasm").Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.Combine("medium", Path.GetFileName(f)) }));

    public static string PathOf(string name) => Path.Combine(Folder, name);
}
