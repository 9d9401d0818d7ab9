using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Triad.Learning.Models;
using Triad.Learning.Serialization;
using Triad.Learning.Tests.Data;
using Triad.Learning.Tests.TestSupport;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;
using static Triad.Learning.Tests.Serialization.ModelArchives;

namespace Triad.Learning.Tests.Serialization;

/// <summary>
/// Model files (format version 2, with version 1 still read) and tensor archives: round trips in both precisions,
/// hand-made version-1 files, and damaged files, each refused with a message naming the file and the part.
/// </summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => _dir.File(name);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void SaveLoad_RoundTrip_GivesIdenticalWeightsAndPredictions(string precision)
    {
        if (precision == "float32")
        {
            AssertRoundTrip(Model<float>.Build(BuiltInModels.Get("digits-cnn"), 9));
        }
        else
        {
            AssertRoundTrip(Model<double>.Build(BuiltInModels.Get("digits-cnn"), 9));
        }
    }

    private void AssertRoundTrip<T>(Model<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string path = PathOf("m.triad");
        ModelFile.Save(path, model, new ModelMetadata { DataSet = "digits", ClassNames = ["a", "b"], Seed = 9, Epochs = 3, TestAccuracy = 0.5, TestFraction = 0.2 });
        SavedModel loaded = ModelFile.Load(path);
        var reloaded = Assert.IsType<Model<T>>(loaded.Model);
        Assert.Equal(2, loaded.FormatVersion);
        Assert.Equal(Precision<T>.Name, loaded.Model.Precision);
        Assert.Equal(model.Spec.ToJson(), reloaded.Spec.ToJson());
        Precision<T>.AssertBitIdentical(Precision<T>.Snapshot(model), Precision<T>.Snapshot(reloaded), "reloaded weights");
        Tensor<T> x = Predict.RandomBatch<T>(1, 4, 1, 8, 8);
        Assert.Equal(Predict.Outputs(model, x), Predict.Outputs(reloaded, x));
        Assert.Equal("digits", loaded.Metadata.DataSet);
        Assert.Equal(["a", "b"], loaded.Metadata.ClassNames);
        Assert.Equal((9UL, 3, 0.5, 0.2), (loaded.Metadata.Seed, loaded.Metadata.Epochs, loaded.Metadata.TestAccuracy, loaded.Metadata.TestFraction));
        Assert.Null(loaded.Training);
        Assert.Equal(["m.triad"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("float32", 1, 4)]
    [InlineData("float64", 2, 8)]
    public void Save_Version2_RecordsPrecisionAndATypeTagPerTensor(string precision, byte tag, int bytesPerValue)
    {
        string path = PathOf("m.triad");
        IModel model = precision == "float32" ? Model<float>.Build(BuiltInModels.Get("iris-mlp"), 1) : Model<double>.Build(BuiltInModels.Get("iris-mlp"), 1);
        ModelFile.Save(path, model);

        JsonObject json = JsonNode.Parse(ReadEntry(path, "model.json"))!.AsObject();
        Assert.Equal(2, (int)json["version"]!);
        Assert.Equal(precision, (string?)json["precision"]);
        Assert.All(json["parameters"]!.AsArray(), p => Assert.Equal(precision, (string?)p!["type"]));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], json["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToArray());

        byte[] weights = ReadEntry(path, "weights.bin");
        Assert.Equal(2u, BitConverter.ToUInt32(weights, 8));
        // First tensor "0.weight": its tag follows the 16-byte header, the u16 name length and the 8-byte name.
        Assert.Equal(tag, weights[16 + 2 + 8]);
        int values = (4 * 16) + 16 + (16 * 3) + 3;
        int header = 16 + (4 * (2 + 1 + 1)) + "0.weight0.bias2.weight2.bias".Length + (4 * 2) + (4 * 1) + (4 * 2) + (4 * 1);
        Assert.Equal(header + (values * bytesPerValue), weights.Length);
    }

    [Fact]
    public void Load_Version1FileMadeByHand_LoadsAsFloat64WithItsWeightsAndPredictions()
    {
        // A version-1 file as the old writer made it: no precision, the layers form, float64 tensors without a type
        // byte, dense weights [in, out], conv2d weights [filters, channels, k, k].
        const string spec = """
            {"name":"tiny-cnn","input":[1,4,4],"loss":"softmax-cross-entropy","layers":[
              {"type":"conv2d","filters":2,"kernel":3,"padding":1},{"type":"relu"},{"type":"flatten"},{"type":"dense","units":3}]}
            """;
        double[] convW = Enumerable.Range(0, 2 * 9).Select(i => ((i * 7 % 11) - 5) / 10.0).ToArray();
        double[] convB = [0.1, -0.2];
        double[] denseW = Enumerable.Range(0, 32 * 3).Select(i => ((i * 5 % 13) - 6) / 20.0).ToArray();
        double[] denseB = [0.05, 0.0, -0.05];
        byte[] weights = TensorArchive(1,
            RawTensor.Version1("0.weight", [2, 1, 3, 3], convW),
            RawTensor.Version1("0.bias", [2], convB),
            RawTensor.Version1("3.weight", [32, 3], denseW),
            RawTensor.Version1("3.bias", [3], denseB));
        string modelJson = $$$"""
            {"format":"triad-model","version":1,"spec":{{{spec}}},
             "parameters":[{"name":"0.weight","shape":[2,1,3,3]},{"name":"0.bias","shape":[2]},{"name":"3.weight","shape":[32,3]},{"name":"3.bias","shape":[3]}],
             "metadata":{"dataSet":"toy","classNames":["a","b","c"],"seed":5,"epochs":2,"testAccuracy":0.5}}
            """;
        string path = PathOf("old.triad");
        File.WriteAllBytes(path, Zip(stored: false, ("model.json", Encoding.UTF8.GetBytes(modelJson)), ("weights.bin", weights)));

        SavedModel saved = ModelFile.Load(path);

        Assert.Equal(1, saved.FormatVersion);
        Assert.Equal("float64", saved.Model.Precision);
        var model = Assert.IsType<Model<double>>(saved.Model);
        Assert.True(model.Spec.IsSequential);
        var state = model.StateDict().ToDictionary(p => p.Key, p => p.Value.Span.ToArray());
        Assert.Equal(convW, state["0.weight"]);
        Assert.Equal(denseW, state["3.weight"]);
        Assert.Equal(("toy", 5UL, 2, 0.5), (saved.Metadata.DataSet, saved.Metadata.Seed, saved.Metadata.Epochs, saved.Metadata.TestAccuracy));

        // The same numbers by hand: zero-padded 3×3 cross-correlation, ReLU, flatten (filter, row, column), x·W + b.
        Tensor<double> x = Predict.RandomBatch<double>(2, 2, 1, 4, 4);
        double[] y = Predict.Outputs(model, x);
        for (int b = 0; b < 2; b++)
        {
            double[] h = new double[32];
            for (int f = 0; f < 2; f++)
            {
                for (int r = 0; r < 4; r++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        double s = convB[f];
                        for (int kr = 0; kr < 3; kr++)
                        {
                            for (int kc = 0; kc < 3; kc++)
                            {
                                int rr = r + kr - 1, cc = c + kc - 1;
                                s += rr is >= 0 and < 4 && cc is >= 0 and < 4 ? convW[(f * 9) + (kr * 3) + kc] * x[(b * 16) + (rr * 4) + cc] : 0;
                            }
                        }
                        h[(f * 16) + (r * 4) + c] = Math.Max(0, s);
                    }
                }
            }
            for (int o = 0; o < 3; o++)
            {
                double expected = denseB[o] + Enumerable.Range(0, 32).Sum(i => h[i] * denseW[(i * 3) + o]);
                Assert.Equal(expected, y[(b * 3) + o], 1e-12);
            }
        }
    }

    [Fact]
    public void Load_Version1FileWithOldParameterName_ThrowsNamingTheTensor()
    {
        byte[] weights = TensorArchive(1, RawTensor.Version1("0.w", [4, 3], new double[12]), RawTensor.Version1("0.bias", [3], new double[3]));
        const string modelJson = """{"format":"triad-model","version":1,"spec":{"input":[4],"layers":[{"type":"dense","units":3}]},"metadata":{}}""";
        string path = PathOf("old.triad");
        File.WriteAllBytes(path, Zip(stored: false, ("model.json", Encoding.UTF8.GetBytes(modelJson)), ("weights.bin", weights)));

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Equal("old.triad weights.bin: tensor 0 is '0.w', expected '0.weight'", e.Message);
    }

    [Fact]
    public void Load_Version1FileWithAFreeTextName_LoadsAndKeepsTheName()
    {
        // Version 1 took any text as the model name; a stored name only labels the model, so it still loads
        // (a new spec with such a name is refused, since train makes a folder of it).
        byte[] weights = TensorArchive(1, RawTensor.Version1("0.weight", [4, 3], new double[12]), RawTensor.Version1("0.bias", [3], new double[3]));
        const string modelJson = """{"format":"triad-model","version":1,"spec":{"name":"my model (v1)","input":[4],"layers":[{"type":"dense","units":3}]},"metadata":{}}""";
        string path = PathOf("named.triad");
        File.WriteAllBytes(path, Zip(stored: false, ("model.json", Encoding.UTF8.GetBytes(modelJson)), ("weights.bin", weights)));

        Assert.Equal("my model (v1)", ModelFile.Load(path).Model.Spec.Name);
        Assert.Throws<ModelSpecException>(() => ModelSpec.FromJson(
            """{"name":"my model (v1)","input":[4],"layers":[{"type":"dense","units":3}]}""", "spec.json"));
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesItWholeAndLeavesNoTemporaryFile()
    {
        string path = PathOf("m.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-mlp"), 1));
        Model<float> second = Model<float>.Build(BuiltInModels.Get("iris-mlp"), 2);
        ModelFile.Save(path, second);
        Precision<float>.AssertBitIdentical(Precision<float>.Snapshot(second), Precision<float>.Snapshot((Model<float>)ModelFile.Load(path).Model), "second save");
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void AtomicWrite_FailingHalfWay_LeavesOldFileAndNoTemporaryFile()
    {
        string path = PathOf("report.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelFile.Load(PathOf("none.triad")));
        Assert.Contains("none.triad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAZip_ThrowsInvalidData()
    {
        string path = PathOf("junk.triad");
        File.WriteAllText(path, "not a model");
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal("junk.triad: not a Triad model file (not a ZIP archive)", e.Message);
    }

    [Fact]
    public void Load_TruncatedWeights_ThrowsNamingEntry()
    {
        string path = SavedIris();
        RewriteEntry(path, "weights.bin", bytes => bytes[..^8]);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith("m.triad weights.bin byte ", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WeightsOfAnotherShape_ThrowsNamingParameter()
    {
        string path = SavedIris();
        string other = PathOf("other.triad");
        ModelSpec wider = ModelSpec.FromJson("""{ "name": "iris-mlp", "input": [4], "layers": [ { "type": "dense", "units": 17 }, { "type": "tanh" }, { "type": "dense", "units": 3 } ] }""", "x");
        ModelFile.Save(other, Model<float>.Build(wider, 1));
        byte[] otherWeights = ReadEntry(other, "weights.bin");
        RewriteEntry(path, "weights.bin", _ => otherWeights);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal("m.triad weights.bin: tensor '0.weight' has shape [4, 17], the model needs [4, 16]", e.Message);
    }

    [Fact]
    public void Load_FlippedBitInWeights_ThrowsCrcErrorNamingFileAndEntry()
    {
        string path = SavedIris();
        // weights.bin first and stored, so its bytes lie in the file as they are: a flipped bit changes a value, not the format.
        var entries = Entries(path).OrderBy(e => e.Name == "weights.bin" ? 0 : 1).ToArray();
        byte[] zip = Zip(stored: true, entries);
        File.WriteAllBytes(path, zip);
        Assert.NotNull(ModelFile.Load(path));
        int weightsLength = entries[0].Content.Length;
        zip[FirstDataOffset(zip) + weightsLength - 5] ^= 0x10;
        File.WriteAllBytes(path, zip);

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.StartsWith("m.triad weights.bin: CRC-32 is 0x", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(": the file is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTensorTypeTag_ThrowsNamingFileTensorAndTag()
    {
        string path = SavedIris();
        RewriteEntry(path, "weights.bin", bytes =>
        {
            bytes[16 + 2 + 8] = 7;
            return bytes;
        });
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal("m.triad weights.bin byte 26: tensor '0.weight' has element type tag 7, which this version does not know (1 = float32, 2 = float64)", e.Message);
    }

    [Theory]
    [InlineData("not valid UTF-8")]
    [InlineData("control characters")]
    public void Load_TensorNameOf60KBGarbage_ThrowsAShortMessage(string fault)
    {
        // digits-cnn's float32 weights are small next to the bound the reader allows (float64 sizes), so a 60 KB
        // name reaches the tensor archive's header check rather than the ZIP size limit.
        string path = PathOf("m.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("digits-cnn"), 1));
        byte[] name = GarbageName(fault);
        RewriteEntry(path, "weights.bin", bytes =>
        {
            var tensors = Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "w");
            return TensorArchive(2, tensors.Select((t, i) => new RawTensor(i == 0 ? name : Encoding.UTF8.GetBytes(t.Name), 1, t.Shape,
                t.Float32!.SelectMany(BitConverter.GetBytes).ToArray())).ToArray());
        });

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.StartsWith("m.triad weights.bin byte 18: tensor 0 has a name ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fault, e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 300, $"{e.Message.Length} characters: {e.Message[..Math.Min(400, e.Message.Length)]}");
    }

    [Theory]
    [InlineData("not valid UTF-8")]
    [InlineData("control characters")]
    public void TensorArchiveRead_NameOf60KBGarbage_ThrowsAShortMessage(string fault)
    {
        byte[] bytes = TensorArchive(2, new RawTensor(GarbageName(fault), 2, [1], BitConverter.GetBytes(1.0)));
        var e = Assert.Throws<InvalidDataException>(() => Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "a.bin"));
        Assert.StartsWith("a.bin byte 18: tensor 0 has a name ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 300, $"{e.Message.Length} characters");
        Assert.DoesNotContain(e.Message, c => char.IsControl(c));
    }

    /// <summary>60,000 bytes of name: bytes 0x80–0xBF alone (never valid UTF-8), or ASCII letters and control characters.</summary>
    private static byte[] GarbageName(string fault) => fault == "not valid UTF-8"
        ? Enumerable.Range(0, 60_000).Select(i => (byte)(0x80 + (i % 64))).ToArray()
        : Enumerable.Range(0, 60_000).Select(i => (byte)(i % 3 == 0 ? 0x07 : 'a' + (i % 26))).ToArray();

    [Fact]
    public void TensorArchive_BadMagicTrailingBytesOrHugeExtent_Throws()
    {
        using var good = new MemoryStream();
        Learning.Serialization.TensorArchive.Write(good, [new KeyValuePair<string, Tensor<double>>("t", Tensor<double>.FromSpan([1.0, 2.0], 2))]);
        byte[] bytes = good.ToArray();

        byte[] badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        Assert.Contains("magic", Read(badMagic).Message, StringComparison.Ordinal);

        foreach (byte[] tail in (byte[][])[[0], [0x41], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98]])
        {
            Assert.Contains("after the last tensor", Read([.. bytes, .. tail]).Message, StringComparison.Ordinal);
        }

        // The first extent follows the header (16), the name length (2), the name "t" (1), the type (1) and the rank (1).
        byte[] huge = (byte[])bytes.Clone();
        BitConverter.GetBytes(int.MaxValue / 16).CopyTo(huge, 16 + 2 + 1 + 1 + 1);
        Assert.Contains("truncated", Read(huge).Message, StringComparison.Ordinal);

        byte[] negative = (byte[])bytes.Clone();
        BitConverter.GetBytes(-2).CopyTo(negative, 21);
        Assert.Contains("negative extent -2", Read(negative).Message, StringComparison.Ordinal);

        byte[] version3 = (byte[])bytes.Clone();
        version3[8] = 3;
        Assert.Equal("a.bin byte 8: tensor archive version 3 is not supported (1 or 2)", Read(version3).Message);

        var roundTrip = Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "a.bin");
        Assert.Equal([1.0, 2.0], roundTrip[0].Float64!);
    }

    [Fact]
    public void TensorArchive_MixedTypes_RoundTripEachInItsOwnType()
    {
        using var stream = new MemoryStream();
        Learning.Serialization.TensorArchive.Write(stream, [
            StoredTensor.From("single", Tensor<float>.FromSpan([1.5f, float.NaN, -0f], 3)),
            StoredTensor.From("double", Tensor<double>.FromSpan([0.1, 1e-300], 1, 2))]);
        byte[] bytes = stream.ToArray();

        var read = Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "mixed.bin");

        Assert.Equal((TensorElementType.Float32, TensorElementType.Float64), (read[0].Type, read[1].Type));
        Assert.Equal([3], read[0].Shape);
        Assert.Equal([1, 2], read[1].Shape);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(read[0].Float32![2]));
        Assert.True(float.IsNaN(read[0].Float32![1]));
        Assert.Equal([0.1, 1e-300], read[1].Float64!);
        Assert.Equal(1.5, read[0].ToTensor<double>()[0]);
        Assert.Equal((float)0.1, read[1].ToTensor<float>()[0]);
    }

    [Fact]
    public void TensorArchive_Version1Bytes_ReadAsFloat64()
    {
        byte[] bytes = TensorArchive(1, RawTensor.Version1("a", [2, 2], 1, 2, 3, 4), RawTensor.Version1("scalar", [], 0.5));
        var read = Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "v1.bin");
        Assert.Equal(["a", "scalar"], read.Select(t => t.Name));
        Assert.All(read, t => Assert.Equal(TensorElementType.Float64, t.Type));
        Assert.Equal([1.0, 2, 3, 4], read[0].Float64!);
        Assert.Equal([0.5], read[1].Float64!);
        Assert.Empty(read[1].Shape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void TensorArchive_UnknownTypeTag_ThrowsNamingTensorAndTag(byte tag)
    {
        byte[] bytes = TensorArchive(2, new RawTensor("w"u8.ToArray(), tag, [1], new byte[8]));
        Assert.Equal($"a.bin byte 19: tensor 'w' has element type tag {tag}, which this version does not know (1 = float32, 2 = float64)", Read(bytes).Message);
    }

    private static InvalidDataException Read(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "a.bin"));

    [Theory]
    [InlineData("version", "\"2\"", "version")]
    [InlineData("version", "1.5", "version")]
    [InlineData("version", "3", "version 3 is not supported")]
    [InlineData("format", "7", "format")]
    [InlineData("precision", "\"float16\"", "precision 'float16' is not float32 or float64")]
    [InlineData("precision", "null", "precision '' is not float32 or float64")]
    public void Load_ModelJsonFieldOfWrongValue_ThrowsInvalidDataNamingFileAndField(string field, string value, string mention)
    {
        string path = SavedIris();
        RewriteJson(path, "model.json", json => json[field] = JsonNode.Parse(value));
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith("m.triad: model.json ", e.Message, StringComparison.Ordinal);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetadataSeedNegative_ThrowsInvalidDataNamingFile()
    {
        string path = SavedIris();
        RewriteJson(path, "model.json", json => json["metadata"]!["seed"] = -1);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith("m.triad: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SpecWithBrokenGraph_ThrowsInvalidDataNamingFileAndNode()
    {
        string path = PathOf("m.triad");
        ModelFile.Save(path, Model<float>.Build(ModelSpec.FromJson(Models.GraphSpecTests.ResMlp, "res-mlp.json"), 1));
        RewriteJson(path, "model.json", json => json["spec"]!["nodes"]![3]!["inputs"] = new JsonArray("h", "g"));
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.StartsWith("m.triad model.json spec node 'r': input 'g' is not a node", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void SaveLoad_Checkpoint_KeepsTheWholeTrainingState(string precision)
    {
        string path = PathOf("checkpoint.triad");
        TrainingState state = TrainIris(precision, path);
        SavedModel saved = ModelFile.Load(path);
        TrainingState loaded = saved.Training!;

        Assert.Equal(state.Options, loaded.Options);
        Assert.Equal((state.DataSet, state.EpochsCompleted, state.BestEpoch, state.BestValidationLoss, state.EpochsWithoutImprovement, state.StoppedEarly, state.OptimizerSteps),
            (loaded.DataSet, loaded.EpochsCompleted, loaded.BestEpoch, loaded.BestValidationLoss, loaded.EpochsWithoutImprovement, loaded.StoppedEarly, loaded.OptimizerSteps));
        Assert.Equal(state.ReferenceLoss, loaded.ReferenceLoss);
        Assert.Equal(state.History, loaded.History);
        Assert.Equal(state.OptimizerState.Keys.Order(), loaded.OptimizerState.Keys.Order());
        foreach (var (key, value) in state.OptimizerState)
        {
            Assert.Equal(value.Span.ToArray(), loaded.OptimizerState[key].Span.ToArray());
        }
        Assert.Equal(state.BestWeights.Select(t => t.Span.ToArray()), loaded.BestWeights.Select(t => t.Span.ToArray()));
    }

    [Theory]
    [InlineData("epochsCompleted", "-5", "epochsCompleted = -5 must lie in 0..3")]
    [InlineData("epochsCompleted", "2", "history = 3 epochs must list every completed epoch (2)")]
    [InlineData("epochsCompleted", "4", "epochsCompleted = 4 must lie in 0..3 (the planned epochs)")]
    [InlineData("bestEpoch", "9", "bestEpoch = 9 must lie in 0..3")]
    [InlineData("bestEpoch", "-1", "bestEpoch = -1 must lie in 0..3")]
    [InlineData("epochsWithoutImprovement", "7", "epochsWithoutImprovement = 7 must lie in 0..3")]
    [InlineData("optimizerSteps", "0", "optimizerSteps = 0 must be positive after a completed epoch")]
    [InlineData("optimizerSteps", "-3", "optimizerSteps = -3 must be non-negative")]
    [InlineData("history", "[]", "history = 0 epochs must list every completed epoch (3)")]
    public void Load_CheckpointWithCountersThatDoNotHoldTogether_ThrowsNamingTrainingJsonAndField(string field, string value, string expected)
    {
        string path = PathOf("m.triad");
        TrainIris("float32", path);
        RewriteJson(path, "training.json", json => json[field] = JsonNode.Parse(value));
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("m.triad training.json: training state: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epochsCompleted", "\"three\"", "'epochsCompleted' must be an integer, got \"three\"")]
    [InlineData("epochsCompleted", "1e20", "'epochsCompleted' must be an integer, got 1e20")]
    [InlineData("bestEpoch", "2.5", "'bestEpoch' must be an integer, got 2.5")]
    [InlineData("optimizerSteps", "[1]", "'optimizerSteps' must be an integer, got [1]")]
    [InlineData("bestEpoch", "3000000000", "'bestEpoch' must be an integer, got 3000000000")]
    [InlineData("stoppedEarly", "\"no\"", "'stoppedEarly' must be true or false, got \"no\"")]
    [InlineData("dataSet", "5", "'dataSet' must be text, got 5")]
    [InlineData("bestValidationLoss", "null", "'bestValidationLoss' must be a number, got null")]
    [InlineData("referenceLoss", "\"x\"", "'referenceLoss' must be a number, got \"x\"")]
    [InlineData("history", "[null, null, null]", "'history' holds null at entry 0")]
    [InlineData("history", "{}", "'history' must be a list of epochs, got {}")]
    public void Load_CheckpointFieldOfWrongType_ThrowsNamingTrainingJsonAndField(string field, string value, string expected)
    {
        string path = PathOf("m.triad");
        TrainIris("float32", path);
        RewriteJson(path, "training.json", json => json[field] = JsonNode.Parse(value));
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal($"m.triad training.json: {expected}", e.Message);
    }

    // TrainIris: 135 training samples after 10 % validation, batch 16: 9 steps per epoch, 27 in 3 epochs.
    [Theory]
    [InlineData("rename", "m.triad optimizer.bin: holds 'zz', which adam does not keep (it keeps m.0…m.3, v.0…v.3)")]
    [InlineData("drop", "m.triad optimizer.bin: lacks 'v.3' (adam has taken 27 steps)")]
    [InlineData("empty", "m.triad optimizer.bin: lacks 'm.0' (adam has taken 27 steps)")]
    [InlineData("twice", "m.triad optimizer.bin: holds 'm.0' twice")]
    [InlineData("shape", "m.triad optimizer.bin: tensor 'm.0' has shape [16, 4], parameter '0.weight' has [4, 16]")]
    public void Load_CheckpointOptimizerStateThatDoesNotFit_ThrowsNamingFileAndTensor(string how, string expected)
    {
        string path = PathOf("m.triad");
        TrainIris("float32", path);
        RewriteEntry(path, "optimizer.bin", bytes =>
        {
            var tensors = Learning.Serialization.TensorArchive.Read(new MemoryStream(bytes), "optimizer.bin");
            switch (how)
            {
                case "rename":
                    tensors[0] = tensors[0] with { Name = "zz" };
                    break;
                case "drop":
                    tensors.RemoveAt(tensors.Count - 1);
                    break;
                case "empty":
                    tensors.Clear();
                    break;
                case "twice":
                    tensors.Add(tensors[0]);
                    break;
                default:
                    tensors[0] = tensors[0] with { Shape = [16, 4] };
                    break;
            }
            using var stream = new MemoryStream();
            Learning.Serialization.TensorArchive.Write(stream, tensors);
            return stream.ToArray();
        });

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Load_CheckpointWithMoreStepsThanAnIntHolds_KeepsTheCount()
    {
        string path = PathOf("m.triad");
        TrainIris("float64", path);
        RewriteJson(path, "training.json", json => json["optimizerSteps"] = 3_000_000_000L);
        Assert.Equal(3_000_000_000L, ModelFile.Load(path).Training!.OptimizerSteps);
    }

    [Fact]
    public void Load_CheckpointHistoryOutOfOrder_ThrowsNamingTheEntry()
    {
        string path = PathOf("m.triad");
        TrainIris("float64", path);
        RewriteJson(path, "training.json", json => json["history"]![1]!["epoch"] = 5);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal("m.triad training.json: training state: history[1].epoch = 5 must be 2", e.Message);
    }

    [Fact]
    public void Load_CheckpointWithBadOptions_ThrowsNamingTrainingJson()
    {
        string path = PathOf("m.triad");
        TrainIris("float32", path);
        RewriteJson(path, "training.json", json => json["options"]!["batchSize"] = 0);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Equal("m.triad training.json: batch size 0 must be at least 1", e.Message);
    }

    private string SavedIris()
    {
        string path = PathOf("m.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-mlp"), 1), new ModelMetadata { Seed = 9 });
        return path;
    }

    /// <summary>Three epochs of iris-mlp (seed 42) with a checkpoint written to <paramref name="path"/> after each.</summary>
    private static TrainingState TrainIris(string precision, string path)
    {
        IModel model = precision == "float32" ? Model<float>.Build(BuiltInModels.Get("iris-mlp"), 42) : Model<double>.Build(BuiltInModels.Get("iris-mlp"), 42);
        ITrainer trainer = Trainers.Create(model, new TrainingOptions { Epochs = 3, Seed = 42, BatchSize = 16 });
        trainer.Callbacks.Add(new CheckpointWriter(path, model, new ModelMetadata { DataSet = "iris", Seed = 42 }));
        trainer.Fit(Learning.Data.BuiltInData.Load("iris"));
        return trainer.State;
    }
}
