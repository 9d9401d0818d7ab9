namespace Triad.Photonics.Meshes;

/// <summary>
/// Where the MZIs of a mesh sit: a backend-neutral description (as neurophox separates it from propagation).
/// MZI k acts on modes (<see cref="Top"/>(k), Top(k)+1) in column <see cref="Column"/>(k). MZIs are numbered in
/// the order light meets them: column by column, and top to bottom within a column (MZIs of one column act on
/// disjoint modes, so their order within it does not matter). Both meshes hold N(N−1)/2 MZIs.
/// <list type="bullet">
/// <item>Clements (rectangular): N columns; column j holds the MZIs with top m ≡ j (mod 2), m ≤ N − 2.</item>
/// <item>Reck (triangular): diagonals d = 0..N−2, each with tops m = 0..N−2−d at column 2d + m; 2N − 3 columns.</item>
/// </list>
/// </summary>
public sealed class MeshLayout
{
    private readonly int[] _tops;
    private readonly int[] _columns;
    private readonly Dictionary<(int Column, int Top), int> _index;

    private MeshLayout(MeshKind kind, int modes, List<(int Column, int Top)> positions)
    {
        positions.Sort();
        Kind = kind;
        Modes = modes;
        _tops = positions.Select(p => p.Top).ToArray();
        _columns = positions.Select(p => p.Column).ToArray();
        _index = new Dictionary<(int, int), int>(positions.Count);
        for (int k = 0; k < positions.Count; k++)
        {
            _index.Add(positions[k], k);
        }
        ColumnCount = positions.Count == 0 ? 0 : _columns[^1] + 1;
    }

    /// <summary>The arrangement.</summary>
    public MeshKind Kind { get; }

    /// <summary>Number of waveguide modes N.</summary>
    public int Modes { get; }

    /// <summary>Number of MZIs, N(N−1)/2.</summary>
    public int Count => _tops.Length;

    /// <summary>Number of columns (the optical depth in MZIs).</summary>
    public int ColumnCount { get; }

    /// <summary>Upper mode of MZI <paramref name="k"/>.</summary>
    public int Top(int k) => _tops[k];

    /// <summary>Column of MZI <paramref name="k"/>.</summary>
    public int Column(int k) => _columns[k];

    /// <summary>Upper modes of all MZIs, in the order light meets them.</summary>
    public ReadOnlySpan<int> Tops => _tops;

    /// <summary>Columns of all MZIs, in the order light meets them.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>The MZI at (<paramref name="column"/>, <paramref name="top"/>), or −1 when the layout has none there.</summary>
    public int IndexOf(int column, int top) => _index.TryGetValue((column, top), out int k) ? k : -1;

    /// <summary>The layout of <paramref name="kind"/> on <paramref name="modes"/> modes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one mode, or more than 65,536.</exception>
    public static MeshLayout Create(MeshKind kind, int modes) => kind switch
    {
        MeshKind.Clements => Clements(modes),
        MeshKind.Reck => Reck(modes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected Clements or Reck"),
    };

    /// <summary>The rectangular (Clements) layout on <paramref name="modes"/> modes.</summary>
    public static MeshLayout Clements(int modes)
    {
        CheckModes(modes);
        var positions = new List<(int, int)>(modes * (modes - 1) / 2);
        for (int j = 0; j < modes; j++)
        {
            for (int m = j % 2; m + 1 < modes; m += 2)
            {
                positions.Add((j, m));
            }
        }
        return new MeshLayout(MeshKind.Clements, modes, positions);
    }

    /// <summary>The triangular (Reck) layout on <paramref name="modes"/> modes.</summary>
    public static MeshLayout Reck(int modes)
    {
        CheckModes(modes);
        var positions = new List<(int, int)>(modes * (modes - 1) / 2);
        for (int d = 0; d + 1 < modes; d++)
        {
            for (int m = 0; m <= modes - 2 - d; m++)
            {
                positions.Add(((2 * d) + m, m));
            }
        }
        return new MeshLayout(MeshKind.Reck, modes, positions);
    }

    private static void CheckModes(int modes)
    {
        if (modes is < 1 or > 65_536)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), modes, $"a mesh needs 1 to 65536 modes, got {modes}");
        }
    }
}
