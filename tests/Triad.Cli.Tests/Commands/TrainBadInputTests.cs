using System.Globalization;
using CsCheck;
using Triad.Cli.Tests.TestSupport;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Cli.Tests.Commands;

/// <summary>
/// Every bad input to <c>train</c> ends with exit code 2 and one stderr line naming the input, before any training.
/// </summary>
public sealed class TrainBadInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CliResult Train(params string[] args) => TriadCli.Run(["train", .. args, "--out", _folder.File("out")]);

    [Fact]
    public void Train_MissingCsvFile_ReportsTheFile()
    {
        string missing = _folder.File("nowhere.csv");
        TriadCli.AssertOneLineError(Train("--data", missing, "--model", "iris-mlp"), 2, "nowhere.csv", "not found");
    }

    [Fact]
    public void Train_UnknownDataSetName_ListsBuiltInNames()
    {
        TriadCli.AssertOneLineError(Train("--data", "mnist-3d"), 2, "--data 'mnist-3d'", "digits");
    }

    [Fact]
    public void Train_CorruptIdxHeader_ReportsFileAndByte()
    {
        // A Fashion-MNIST folder whose label file has element type 0x0D (float) instead of 0x08 (unsigned byte).
        _folder.Write("idx/train-labels-idx1-ubyte", [0, 0, 0x0D, 1, 0, 0, 0, 1, 0]);
        _folder.Write("idx/train-images-idx3-ubyte", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[28 * 28]]);
        _folder.Write("idx/t10k-labels-idx1-ubyte", [0, 0, 8, 1, 0, 0, 0, 1, 0]);
        _folder.Write("idx/t10k-images-idx3-ubyte", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[28 * 28]]);

        CliResult result = Train("--data", _folder.File("idx"), "--epochs", "1");

        TriadCli.AssertOneLineError(result, 2, "train-labels-idx1-ubyte byte 2", "element type 0x0D");
    }

    [Fact]
    public void Train_CsvRowWithWrongFieldCount_ReportsFileAndLine()
    {
        string csv = _folder.Write("short.csv", "5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n4.7,3.2,1.3,2\n");
        TriadCli.AssertOneLineError(Train("--data", csv, "--model", "iris-mlp"), 2, "short.csv line 3", "expected 5 fields, found 4");
    }

    [Fact]
    public void Train_CsvLabelOutOfRange_ReportsFileLineAndClassCount()
    {
        // iris-mlp has 3 outputs, so labels must lie in 0..2.
        string csv = _folder.Write("labels.csv", "5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,7\n");
        TriadCli.AssertOneLineError(Train("--data", csv, "--model", "iris-mlp"), 2, "labels.csv line 2", "label 7", "0..2");
    }

    [Fact]
    public void Train_CsvWithoutModel_AsksForModel()
    {
        string csv = _folder.Write("plain.csv", "1,2,0\n3,4,1\n");
        TriadCli.AssertOneLineError(Train("--data", csv), 2, "--model", "plain.csv");
    }

    [Fact]
    public void Train_SpecWithUnknownLayer_ReportsSpecFileAndLayer()
    {
        string spec = _folder.Write("unknown.json", """{ "input": [64], "layers": [ { "type": "dense", "units": 32 }, { "type": "wobble" } ] }""");
        TriadCli.AssertOneLineError(Train("--model", spec), 2, "unknown.json", "layer 2", "wobble");
    }

    [Fact]
    public void Train_SpecWithConvOnFlatInput_ReportsShapeMismatch()
    {
        string spec = _folder.Write("flatconv.yaml", "input: [64]\nlayers:\n  - type: conv2d\n    filters: 4\n    kernel: 3\n  - type: flatten\n  - type: dense\n    units: 10\n");
        TriadCli.AssertOneLineError(Train("--model", spec), 2, "flatconv.yaml", "conv2d", "[64]");
    }

    [Fact]
    public void Train_SpecOutputSizeDiffersFromClassCount_NamesModelAndData()
    {
        string spec = _folder.Write("five.json", """{ "name": "five-way", "input": [64], "layers": [ { "type": "dense", "units": 5 } ] }""");
        TriadCli.AssertOneLineError(Train("--model", spec, "--data", "digits"), 2, "five-way", "[5]", "digits", "10 classes");
    }

    [Fact]
    public void Train_InvalidYamlSpec_ReportsSpecFile()
    {
        string spec = _folder.Write("broken.yaml", "input: [64\nlayers: {\n");
        TriadCli.AssertOneLineError(Train("--model", spec), 2, "broken.yaml");
    }

    [Fact]
    public void Train_MissingSpecFile_ReportsTheFile()
    {
        TriadCli.AssertOneLineError(Train("--model", _folder.File("absent.json")), 2, "absent.json", "not found");
    }

    [Fact]
    public void Train_NegativeLearningRate_NamesTheOption()
    {
        TriadCli.AssertOneLineError(Train("--lr", "-0.1"), 2, "--lr -0.1", "positive");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void Train_BadClipNorm_NamesTheOption(string value)
    {
        TriadCli.AssertOneLineError(Train("--clip-norm", value), 2, $"--clip-norm {value}", "finite and non-negative");
    }

    [Fact]
    public void Train_ZeroEpochs_NamesTheOption()
    {
        TriadCli.AssertOneLineError(Train("--epochs", "0"), 2, "--epochs 0", "at least 1");
    }

    [Fact]
    public void Train_UnknownBuiltInModel_ListsBuiltInModels()
    {
        TriadCli.AssertOneLineError(Train("--model", "resnet-9000"), 2, "resnet-9000", "digits-mlp");
    }

    [Fact]
    public void Train_SavedModelAsModel_PointsToResume()
    {
        TriadCli.AssertOneLineError(Train("--model", _folder.File("old.triad")), 2, "old.triad", "--resume");
    }

    [Fact]
    public void Train_MomentumWithAdam_NamesTheOption()
    {
        TriadCli.AssertOneLineError(Train("--momentum", "0.5"), 2, "--momentum", "sgd");
    }

    [Fact]
    public void Train_UnknownOptimizer_IsParseErrorWithExitCodeTwo()
    {
        TriadCli.AssertOneLineError(Train("--optimizer", "rmsprop"), 2, "--optimizer: Argument 'rmsprop' not recognized", "triad train --help");
    }

    [Fact]
    public void Train_UnknownOption_IsParseErrorWithExitCodeTwo()
    {
        TriadCli.AssertOneLineError(Train("--epoch", "3"), 2, "--epoch");
    }

    [Fact]
    public void Train_NonNumericLearningRate_IsParseErrorWithExitCodeTwo()
    {
        TriadCli.AssertOneLineError(Train("--lr", "fast"), 2, "fast", "--lr");
    }

    [Theory]
    [InlineData("sgd", "1e100", "digits")]
    [InlineData("adam", "1e100", "digits")]
    [InlineData("sgd", "1e308", "iris")]
    public void Train_DivergingLearningRate_FailsWithExitCodeOneAndSaysDiverged(string optimizer, string lr, string data)
    {
        string output = _folder.File("diverged");
        CliResult result = TriadCli.Run("train", "--data", data, "--optimizer", optimizer, "--lr", lr, "--epochs", "2", "--out", output);

        Assert.True(result.ExitCode == 1, result.ToString());
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("triad: error: training diverged in epoch 1, batch ", line, StringComparison.Ordinal);
        Assert.Contains("lower the learning rate", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "model.triad")), "a diverged run saved a model");
        Assert.False(File.Exists(Path.Combine(output, "checkpoint.triad")), "a run that diverged in epoch 1 saved a checkpoint");
    }

    [Fact]
    public void Train_PrecisionFloat16_IsParseErrorNamingTheChoices()
    {
        TriadCli.AssertOneLineError(Train("--precision", "float16"), 2, "--precision: Argument 'float16' not recognized", "float32", "float64");
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Theory]
    [InlineData(new[] { "photonic", "energy", "--modes", "abc" }, "(see 'triad photonic energy --help')")]
    [InlineData(new[] { "plan", "estimate", "--mfu", "x" }, "(see 'triad plan estimate --help')")]
    [InlineData(new[] { "train", "--epochs", "x" }, "(see 'triad train --help')")]
    public void ParseError_HintNamesTheWholeCommand(string[] args, string hint)
    {
        CliResult result = TriadCli.Run(args);
        string line = Assert.Single(result.ErrorLines);
        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith(hint, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OutUnderAFile_IsRefusedBeforeAnyEpoch()
    {
        string file = _folder.Write("plain.txt", "not a folder");
        string output = Path.Combine(file, "run");

        CliResult result = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--out", output);

        TriadCli.AssertOneLineError(result, 2, $"--out '{output}' cannot be written");
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.triad", SearchOption.AllDirectories));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Train_OutIsAFile_IsRefusedBeforeAnyEpoch()
    {
        string file = _folder.Write("taken", "a file");

        TriadCli.AssertOneLineError(TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--out", file), 2, $"--out '{file}' is a file; give a folder");
        Assert.Equal("a file", File.ReadAllText(file));
    }

    [Fact]
    public void Train_AnyNonPositiveLearningRate_IsOneLineUsageError()
    {
        PropertyRunner.Run(Gen.Double[-1e6, 0.0], lr =>
        {
            string text = lr.ToString("R", CultureInfo.InvariantCulture);
            TriadCli.AssertOneLineError(TriadCli.Run("train", "--lr", text), 2, $"--lr {text}", "positive");
        }, baseSeed: 7_200, cases: 25, output);
    }
}
