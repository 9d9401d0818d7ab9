using System.Text.Json.Nodes;

namespace Triad.Cli.Tests.TestSupport;

/// <summary>
/// One short training run on digits (3 epochs, --json), made once and shared by the tests that read its run
/// folder (train, info, eval, resume). Seed 42, printed in the command line below.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    public const int Epochs = 3;

    private readonly TempFolder _folder = new();

    public TrainedRun()
    {
        Out = _folder.File("run");
        Args = ["train", "--data", "digits", "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "42", "--out", Out, "--json"];
        Result = TriadCli.Run(Args);
        if (Result.ExitCode == 0)
        {
            Report = JsonNode.Parse(Result.Stdout)!.AsObject();
        }
    }

    public string[] Args { get; }

    public string Out { get; }

    public CliResult Result { get; }

    public JsonObject? Report { get; }

    public string ModelPath => Path.Combine(Out, "model.triad");

    public string CheckpointPath => Path.Combine(Out, "checkpoint.triad");

    public void Dispose() => _folder.Dispose();
}
