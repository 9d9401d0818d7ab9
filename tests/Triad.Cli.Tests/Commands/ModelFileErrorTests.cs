using System.IO.Compression;
using Triad.Cli.Tests.TestSupport;
using Triad.Learning.Models;
using Triad.Learning.Serialization;

namespace Triad.Cli.Tests.Commands;

/// <summary>Damaged model files given to <c>eval</c> and <c>info</c>: one line, exit code 2, the file named.</summary>
public sealed class ModelFileErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A float32 digits-mlp saved to <paramref name="name"/>, then changed by <paramref name="change"/> (on weights.bin).</summary>
    private string Damaged(string name, Func<byte[], byte[]> change)
    {
        string path = _folder.File(name);
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("digits-mlp"), 1), new ModelMetadata { DataSet = "digits", Seed = 42, TestFraction = 0.2 });
        byte[] weights;
        using (ZipArchive zip = ZipFile.OpenRead(path))
        using (Stream s = zip.GetEntry("weights.bin")!.Open())
        using (var m = new MemoryStream())
        {
            s.CopyTo(m);
            weights = m.ToArray();
        }
        weights = change(weights);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("weights.bin")!.Delete();
            using Stream s = zip.CreateEntry("weights.bin").Open();
            s.Write(weights);
        }
        return path;
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("info")]
    public void Command_ModelWithUnknownTensorTypeTag_OneLineErrorNamingFileAndTag(string command)
    {
        // The first tensor's type tag follows the 16-byte archive header, the u16 name length and the name "0.weight".
        string path = Damaged("tagged.triad", bytes =>
        {
            bytes[16 + 2 + 8] = 9;
            return bytes;
        });

        TriadCli.AssertOneLineError(TriadCli.Run(command, "--model", path), 2,
            "tagged.triad weights.bin byte 26: tensor '0.weight' has element type tag 9");
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("info")]
    public void Command_ModelWithTruncatedWeights_OneLineErrorNamingFile(string command)
    {
        string path = Damaged("short.triad", bytes => bytes[..^3]);

        TriadCli.AssertOneLineError(TriadCli.Run(command, "--model", path), 2, "short.triad weights.bin byte ", "truncated");
    }
}
