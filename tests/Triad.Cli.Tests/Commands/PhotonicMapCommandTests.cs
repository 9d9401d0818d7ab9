using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Serialization;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic map</c>: a saved model's dense layers on meshes, the phases file, and bad input as one line.</summary>
public sealed class PhotonicMapCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>iris-onn-electronic (dense 4 → tanh → dense 3) trained 60 epochs on iris in double precision, saved by train.</summary>
    private string TrainedIris()
    {
        string run = _folder.File("run");
        CliResult r = TriadCli.Run("train", "--model", "iris-onn-electronic", "--data", "iris", "--epochs", "60", "--lr", "0.01",
            "--seed", "42", "--precision", "float64", "--out", run, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        return Path.Combine(run, "model.triad");
    }

    [Fact]
    public void Json_TrainedIris_MapsEveryDenseLayerExactly_AndPhaseErrorsCostAccuracyOrMatrixError()
    {
        string model = TrainedIris();

        CliResult ideal = TriadCli.Run("photonic", "map", model, "--accuracy", "--json");
        CliResult chip = TriadCli.Run("photonic", "map", model, "--mesh", "reck", "--phase-error", "0.2", "--seed", "3", "--json");

        Assert.True(ideal.ExitCode == 0, ideal.ToString());
        Assert.True(chip.ExitCode == 0, chip.ToString());
        using JsonDocument a = JsonDocument.Parse(ideal.Stdout), b = JsonDocument.Parse(chip.Stdout);
        JsonElement[] layers = [.. a.RootElement.GetProperty("layers").EnumerateArray()];
        Assert.Equal(2, layers.Length);
        Assert.Equal([4, 3], layers.Select(l => l.GetProperty("rows").GetInt32()));
        Assert.All(layers, l => Assert.Equal(4, l.GetProperty("columns").GetInt32()));
        Assert.All(layers, l => Assert.Equal(4, l.GetProperty("modes").GetInt32()));
        Assert.All(layers, l => Assert.Equal(12, l.GetProperty("mzis").GetInt32()));
        Assert.All(layers, l => Assert.InRange(l.GetProperty("reconstructionError").GetDouble(), 0, 1e-12));
        Assert.All(layers, l => Assert.InRange(l.GetProperty("chipError").GetDouble(), 0, 1e-12));
        JsonElement acc = a.RootElement.GetProperty("accuracy");
        Assert.True(acc.GetProperty("electronic").GetDouble() >= 0.9, ideal.Stdout);
        Assert.Equal(acc.GetProperty("electronic").GetDouble(), acc.GetProperty("mappedIdeal").GetDouble());
        Assert.Equal(acc.GetProperty("electronic").GetDouble(), acc.GetProperty("mappedOnChip").GetDouble());

        Assert.Equal("reck", b.RootElement.GetProperty("mesh").GetString());
        Assert.Equal(0.2, b.RootElement.GetProperty("accuracy").GetProperty("phaseError").GetDouble());
        Assert.All(b.RootElement.GetProperty("layers").EnumerateArray(), l => Assert.InRange(l.GetProperty("chipError").GetDouble(), 0.05, 100));
    }

    [Fact]
    public void Out_PhasesFile_RebuildsEachLayersWeightsThroughTheMeshes()
    {
        string model = TrainedIris();
        string phases = _folder.File("phases.json");

        CliResult r = TriadCli.Run("photonic", "map", model, "--out", phases);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("‖W − W_hw‖_F", r.Stdout, StringComparison.Ordinal);
        var saved = (Model<double>)ModelFile.Load(model).Model;
        Dense<double>[] dense = [.. saved.NodeModules.OfType<Dense<double>>()];
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(phases));
        JsonElement[] layers = [.. doc.RootElement.GetProperty("layers").EnumerateArray()];
        Assert.Equal(dense.Length, layers.Length);
        for (int l = 0; l < layers.Length; l++)
        {
            int n = layers[l].GetProperty("modes").GetInt32(), rows = layers[l].GetProperty("rows").GetInt32(), columns = layers[l].GetProperty("columns").GetInt32();
            Complex[] v = Mesh(layers[l].GetProperty("inputMesh"), n), u = Mesh(layers[l].GetProperty("outputMesh"), n);
            double[] att = [.. layers[l].GetProperty("attenuation").EnumerateArray().Select(e => e.GetDouble())];
            double scale = layers[l].GetProperty("scale").GetDouble();
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    Complex w = 0;
                    for (int k = 0; k < n; k++)
                    {
                        w += u[(i * n) + k] * att[k] * v[(k * n) + j];
                    }
                    Assert.Equal(dense[l].Weight.Value[j, i], scale * w.Real, 9);
                    Assert.Equal(0, scale * w.Imaginary, 9);
                }
            }
        }
    }

    /// <summary>The mesh of a phases-file entry, rebuilt from its MZIs alone through a default Clements layout's matrix.</summary>
    private static Complex[] Mesh(JsonElement mesh, int n)
    {
        JsonElement[] mzis = [.. mesh.GetProperty("mzis").EnumerateArray()];
        double[] theta = [.. mzis.Select(m => m.GetProperty("theta").GetDouble())];
        double[] phi = [.. mzis.Select(m => m.GetProperty("phi").GetDouble())];
        double[] alpha = [.. mesh.GetProperty("outputPhases").EnumerateArray().Select(e => e.GetDouble())];
        MeshLayout layout = MeshLayout.Clements(n);
        Assert.Equal([.. Enumerable.Range(0, layout.Count).Select(layout.Top)], mzis.Select(m => m.GetProperty("top").GetInt32()));
        return new MziMesh(new MeshPhases(layout, theta, phi, alpha)).Matrix();
    }

    [Fact]
    public void MissingFile_OneLineError()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "map", _folder.File("none.triad")), 2, "none.triad", "no such model file");
    }

    [Fact]
    public void ModelWithoutDenseLayers_OneLineError()
    {
        string path = _folder.File("onn.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-onn"), 1), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "map", path), 2, "onn.triad", "iris-onn", "no dense layer");
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void BadPhaseError_OneLineErrorNamingTheOption(string sigma)
    {
        string path = _folder.File("mlp.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-mlp"), 1), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "map", path, "--phase-error", sigma), 2, "--phase-error");
    }

    [Fact]
    public void DenseLayerOnTokens_AccuracyRefusedInOneLine_ButTheMappingIsReported()
    {
        string path = _folder.File("tokens.triad");
        ModelSpec spec = ModelSpec.Sequential("tokens", [4, 3],
            [("dense", new JsonObject { ["units"] = 2 }), ("flatten", new JsonObject()), ("dense", new JsonObject { ["units"] = 3 })]);
        ModelFile.Save(path, Model<float>.Build(spec, 1), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        CliResult plain = TriadCli.Run("photonic", "map", path, "--json");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "map", path, "--accuracy"), 2, "tokens.triad", "photonic twin");
    }
}
