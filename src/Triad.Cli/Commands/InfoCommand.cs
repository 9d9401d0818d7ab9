using System.CommandLine;
using System.Text.Json.Nodes;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Serialization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad info</c>: what a saved model or checkpoint holds — the model's layers with output shapes and parameter
/// counts, its metadata, and for a checkpoint the training state and history.
/// </summary>
internal sealed class InfoCommand
{
    private readonly CliContext _context;

    private readonly Option<string> _model = new("--model")
    {
        Description = "saved model or checkpoint (.triad)",
        Required = true,
    };

    private readonly Option<bool> _json = CommonOptions.Json();

    private InfoCommand(CliContext context) => _context = context;

    /// <summary>The <c>info</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new InfoCommand(context);
        var command = new Command("info", "show what a saved model or checkpoint holds");
        command.Options.Add(handler._model);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_model)!;
        SavedModel saved = ModelFile.Load(path);
        if (p.GetValue(_json))
        {
            var root = new JsonObject
            {
                ["command"] = "info",
                ["file"] = Path.GetFullPath(path),
                ["kind"] = saved.Training is null ? "model" : "checkpoint",
                ["model"] = ReportJson.Model(saved.Model),
                ["metadata"] = ReportJson.Metadata(saved.Metadata),
                ["training"] = saved.Training is null ? null : ReportJson.Training(saved.Training),
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        ModelInfoView.Write(_context.Console, Path.GetFullPath(path), saved);
        return ExitCodes.Success;
    }
}
