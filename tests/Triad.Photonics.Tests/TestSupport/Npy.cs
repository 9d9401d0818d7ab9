using System.Numerics;
using System.Text;

namespace Triad.Photonics.Tests.TestSupport;

/// <summary>Builds .npy files byte by byte (NumPy format 1.0), including malformed ones.</summary>
public static class Npy
{
    public static byte[] Build(string descr, string shape, byte[] data, bool fortran = false)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({shape}), }}";
        int total = 10 + dict.Length + 1;
        int pad = (64 - (total % 64)) % 64;
        string header = dict + new string(' ', pad) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.Add((byte)(header.Length & 0xFF));
        bytes.Add((byte)(header.Length >> 8));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static byte[] Complex128(Complex[] values, int rows, int cols) =>
        Build("<c16", $"{rows}, {cols}", values.SelectMany(v => BitConverter.GetBytes(v.Real).Concat(BitConverter.GetBytes(v.Imaginary))).ToArray());

    public static byte[] Float64(double[] values, int rows, int cols) =>
        Build("<f8", $"{rows}, {cols}", values.SelectMany(BitConverter.GetBytes).ToArray());
}
