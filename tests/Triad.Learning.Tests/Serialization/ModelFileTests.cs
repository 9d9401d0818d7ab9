using System.IO.Compression;
using Triad.Learning.Models;
using Triad.Learning.Serialization;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("triad-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveLoad_RoundTrip_GivesIdenticalWeightsAndPredictions()
    {
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-cnn"), 9);
        string path = Path.Combine(_dir, "m.triad");
        ModelFile.Save(path, model, new ModelMetadata { DataSet = "digits", ClassNames = ["a", "b"], Seed = 9, Epochs = 3, TestAccuracy = 0.5 });
        SavedModel loaded = ModelFile.Load(path);
        Assert.Equal(model.Spec.ToJson(), loaded.Model.Spec.ToJson());
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.True(model.Parameters[i].Value.ReadOnlySpan.SequenceEqual(loaded.Model.Parameters[i].Value.ReadOnlySpan));
        }
        Tensor<double> x = GradientCheck.Random(new SeededRandom(1), 4, 1, 8, 8);
        Assert.True(model.Predict(x).ReadOnlySpan.SequenceEqual(loaded.Model.Predict(x).ReadOnlySpan));
        Assert.Equal("digits", loaded.Metadata.DataSet);
        Assert.Equal(0.5, loaded.Metadata.TestAccuracy);
        Assert.Null(loaded.Training);
        Assert.Equal(["m.triad"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesItWholeAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "m.triad");
        ModelFile.Save(path, Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1));
        Sequential second = Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 2);
        ModelFile.Save(path, second);
        Assert.True(second.Parameters[0].Value.ReadOnlySpan.SequenceEqual(ModelFile.Load(path).Model.Parameters[0].Value.ReadOnlySpan));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void AtomicWrite_FailingHalfWay_LeavesOldFileAndNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "report.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelFile.Load(Path.Combine(_dir, "none.triad")));
        Assert.Contains("none.triad", e.Message);
    }

    [Fact]
    public void Load_NotAZip_ThrowsInvalidData()
    {
        string path = Path.Combine(_dir, "junk.triad");
        File.WriteAllText(path, "not a model");
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("junk.triad", e.Message);
    }

    [Fact]
    public void Load_TruncatedWeights_ThrowsNamingEntry()
    {
        string path = Path.Combine(_dir, "m.triad");
        ModelFile.Save(path, Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1));
        RewriteEntry(path, "weights.bin", bytes => bytes[..^8]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("weights.bin", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Load_WeightsOfAnotherShape_ThrowsNamingParameter()
    {
        string path = Path.Combine(_dir, "m.triad");
        ModelFile.Save(path, Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1));
        string other = Path.Combine(_dir, "other.triad");
        ModelFile.Save(other, Sequential.Build(ModelSpec.FromJson("""{ "name": "iris-mlp", "input": [4], "layers": [ { "type": "dense", "units": 17 }, { "type": "tanh" }, { "type": "dense", "units": 3 } ] }""", "x"), 1));
        byte[] otherWeights = ReadEntry(other, "weights.bin");
        RewriteEntry(path, "weights.bin", _ => otherWeights);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("0.weight", e.Message);
    }

    [Fact]
    public void TensorArchive_BadMagicOrTrailingBytes_Throws()
    {
        using var good = new MemoryStream();
        TensorArchive.Write(good, [new("t", Tensor<double>.FromSpan([1.0, 2.0], 2))]);
        byte[] bytes = good.ToArray();

        byte[] badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => TensorArchive.Read(new MemoryStream(badMagic), "a.bin")).Message);

        foreach (byte[] tail in (byte[][])[[0], [0x41], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98]])
        {
            byte[] trailing = [.. bytes, .. tail];
            Assert.Contains("after the last tensor", Assert.Throws<InvalidDataException>(() => TensorArchive.Read(new MemoryStream(trailing), "a.bin")).Message);
        }

        byte[] huge = (byte[])bytes.Clone();
        BitConverter.GetBytes(int.MaxValue / 16).CopyTo(huge, 8 + 4 + 4 + 2 + 1 + 1);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TensorArchive.Read(new MemoryStream(huge), "a.bin")).Message);

        var roundTrip = TensorArchive.Read(new MemoryStream(bytes), "a.bin");
        Assert.Equal([1.0, 2.0], roundTrip[0].Value.ReadOnlySpan.ToArray());
    }

    [Theory]
    [InlineData("\"version\": 1,", "\"version\": \"1\",", "version")]
    [InlineData("\"version\": 1,", "\"version\": 1.5,", "version")]
    [InlineData("\"seed\": 9,", "\"seed\": -1,", "m.triad")]
    [InlineData("\"format\": \"triad-model\",", "\"format\": 7,", "format")]
    public void Load_FieldOfWrongType_ThrowsInvalidDataNamingFile(string from, string to, string mention)
    {
        string path = Path.Combine(_dir, "m.triad");
        ModelFile.Save(path, Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1), new ModelMetadata { Seed = 9 });
        RewriteEntry(path, "model.json", bytes =>
        {
            string json = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.Contains(from, json);
            return System.Text.Encoding.UTF8.GetBytes(json.Replace(from, to, StringComparison.Ordinal));
        });
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("m.triad", e.Message);
        Assert.Contains(mention, e.Message);
    }

    private static byte[] ReadEntry(string path, string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using Stream s = zip.GetEntry(entry)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static void RewriteEntry(string path, string entry, Func<byte[], byte[]> change)
    {
        byte[] bytes = change(ReadEntry(path, entry));
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(entry)!.Delete();
        using Stream s = zip.CreateEntry(entry).Open();
        s.Write(bytes);
    }
}
