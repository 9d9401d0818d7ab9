using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Triad.Cli.Tests.TestSupport;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic decompose</c>: the JSON contract, the rebuild from it, and every bad input as one line.</summary>
public sealed class PhotonicDecomposeCommandTests : IDisposable
{
    private const ulong Seed = 12_000_301;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("clements")]
    [InlineData("reck")]
    public void Json_HaarUnitaryFromNpy_RebuildsThroughTheFormulaWithin1e10(string mesh)
    {
        const int n = 6;
        Complex[] u = UnitaryMatrix.Haar(n, new SeededRandom(Seed));
        string path = _folder.Write("u.npy", Npy("<c16", n, n, u.SelectMany(v => BitConverter.GetBytes(v.Real).Concat(BitConverter.GetBytes(v.Imaginary))).ToArray()));

        CliResult result = TriadCli.Run("photonic", "decompose", path, "--mesh", mesh, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(n, root.GetProperty("modes").GetInt32());
        Assert.Equal(mesh, root.GetProperty("mesh").GetString());
        JsonElement[] mzis = root.GetProperty("mzis").EnumerateArray().ToArray();
        Assert.Equal(n * (n - 1) / 2, mzis.Length);
        double[] alpha = root.GetProperty("outputPhases").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(n, alpha.Length);
        Assert.True(root.GetProperty("reconstructionError").GetDouble() <= 1e-12);

        // U = diag(e^{iα})·T_K ⋯ T_1 with T = B·P(θ)·B·P(φ), applied in the order the JSON lists the MZIs.
        Complex[] rebuilt = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            rebuilt[(i * n) + i] = 1;
        }
        foreach (JsonElement m in mzis)
        {
            int top = m.GetProperty("top").GetInt32();
            Complex[] t = Mzi(m.GetProperty("theta").GetDouble(), m.GetProperty("phi").GetDouble());
            for (int j = 0; j < n; j++)
            {
                Complex a = rebuilt[(top * n) + j], b = rebuilt[((top + 1) * n) + j];
                rebuilt[(top * n) + j] = (t[0] * a) + (t[1] * b);
                rebuilt[((top + 1) * n) + j] = (t[2] * a) + (t[3] * b);
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rebuilt[(i * n) + j] *= Complex.FromPolarCoordinates(1, alpha[i]);
            }
        }
        Assert.True(UnitaryMatrix.FrobeniusDistance(u, rebuilt) <= 1e-10);
    }

    [Fact]
    public void Table_RealRotationFromCsv_PrintsMzisAndError()
    {
        double c = Math.Cos(0.4), s = Math.Sin(0.4);
        string path = _folder.Write("r.csv", string.Create(CultureInfo.InvariantCulture, $"{c:R},{-s:R},0\n{s:R},{c:R},0\n0,0,1\n"));
        CliResult result = TriadCli.Run("photonic", "decompose", path, "--mesh", "reck");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("reck: 3 MZIs in 3 columns", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("‖U − rebuilt‖_F", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NotUnitary_RefusedWithTheDeviation()
    {
        string path = _folder.Write("nu.csv", "1,1\n0,1\n");
        // U†U − I = [[0, 1], [1, 1]]: ‖·‖_F = √3.
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path, "--json"), 2, "nu.csv", "not unitary", "‖U†U − I‖_F = 1.73");
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("inf")]
    public void NonFiniteEntry_RefusedNamingTheEntry(string bad)
    {
        string path = _folder.Write("n.csv", $"1,{bad}\n0,1\n");
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path), 2, "n.csv", "entry (0, 1)", "not a finite number");
    }

    [Fact]
    public void NonSquare_Refused()
    {
        string path = _folder.Write("ns.csv", "1,0,0\n0,1,0\n");
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path), 2, "ns.csv", "2×3, not square");
    }

    [Fact]
    public void ZeroModes_Refused()
    {
        string csv = _folder.Write("empty.csv", "# nothing\n");
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", csv), 2, "empty.csv", "0×0", "at least 1 mode");
        string npy = _folder.Write("empty.npy", Npy("<f8", 0, 0, []));
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", npy), 2, "empty.npy", "0×0", "at least 1 mode");
    }

    [Fact]
    public void NpyOfUnsupportedDtype_Refused()
    {
        string path = _folder.Write("f4.npy", Npy("<f4", 2, 2, new byte[16]));
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path), 2, "f4.npy", "unsupported dtype '<f4'");
    }

    [Fact]
    public void TruncatedNpy_Refused()
    {
        byte[] full = Npy("<f8", 2, 2, new byte[32]);
        string path = _folder.Write("t.npy", full[..^5]);
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path), 2, "t.npy", "truncated");
    }

    [Fact]
    public void MissingFileOrBadMeshOrTolerance_Refused()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", _folder.File("none.npy")), 2, "none.npy");
        string path = _folder.Write("u.csv", "0,1j\n1j,0\n");
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path, "--mesh", "diamond"), 2, "--mesh", "diamond");
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "decompose", path, "--tolerance", "-1"), 2, "--tolerance");
    }

    private static Complex[] Mzi(double theta, double phi)
    {
        // B·P(θ)·B·P(φ) multiplied out: (1/2)[[(e^{iθ} − 1)e^{iφ}, i(e^{iθ} + 1)], [i(e^{iθ} + 1)e^{iφ}, 1 − e^{iθ}]].
        Complex et = Complex.FromPolarCoordinates(1, theta), ep = Complex.FromPolarCoordinates(1, phi);
        return [(et - 1) * ep / 2, Complex.ImaginaryOne * (et + 1) / 2, Complex.ImaginaryOne * (et + 1) * ep / 2, (1 - et) / 2];
    }

    private static byte[] Npy(string descr, int rows, int cols, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}";
        int pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        string header = dict + new string(' ', pad) + "\n";
        byte[] preamble = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)];
        return [.. preamble, .. Encoding.Latin1.GetBytes(header), .. data];
    }
}
