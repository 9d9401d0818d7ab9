using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Inputs;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Serialization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad info</c>: what a saved model or checkpoint holds — the model's nodes with output shapes, parameter counts and
/// FLOPs, its metadata, and for a checkpoint the training state and history. <c>--model</c> may also be a built-in model
/// name or a spec file, to see a structure before training. <c>--ops N</c> adds the operations one forward pass of a
/// batch of N runs (kind, module, shapes, producers, FLOPs, bytes): the op graph the hardware planner reads.
/// </summary>
internal sealed class InfoCommand
{
    private readonly CliContext _context;

    private readonly Option<string> _model = new("--model")
    {
        Description = "saved model or checkpoint (.triad), or a built-in model name or .json/.yaml spec",
        Required = true,
    };

    private readonly Option<int?> _ops = new("--ops")
    {
        Description = "also list the operations of one forward pass of a batch of this many samples (the op graph)",
    };

    private readonly Option<bool> _json = CommonOptions.Json();

    private InfoCommand(CliContext context) => _context = context;

    /// <summary>The <c>info</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new InfoCommand(context);
        var command = new Command("info", "show what a saved model or checkpoint holds");
        command.Options.Add(handler._model);
        command.Options.Add(handler._ops);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_model)!;
        int? opsBatch = p.GetValue(_ops);
        if (opsBatch is { } b)
        {
            CommonOptions.Require(b >= 1, "--ops", b, "the batch size must be at least 1");
        }
        bool saved = path.EndsWith(".triad", StringComparison.OrdinalIgnoreCase) || File.Exists(path) && !IsSpecPath(path);
        if (!saved)
        {
            ModelSpec spec = ModelSource.LoadSpec(path);
            IModel built = ModelSource.Build(spec, seed: 0, path, "float32");
            return Show(p, path, new SavedModel(built, new ModelMetadata(), null, ModelFile.Version), kind: "spec", opsBatch);
        }
        return Show(p, path, ModelFile.Load(path), kind: null, opsBatch);
    }

    private static bool IsSpecPath(string path) => Path.GetExtension(path).ToLowerInvariant() is ".json" or ".yaml" or ".yml";

    private int Show(ParseResult p, string path, SavedModel saved, string? kind, int? opsBatch)
    {
        IReadOnlyList<OpRecord>? ops = opsBatch is { } batch ? saved.Model.Trace(batch) : null;
        if (p.GetValue(_json))
        {
            var root = new JsonObject
            {
                ["command"] = "info",
                ["file"] = kind is null ? Path.GetFullPath(path) : null,
                ["kind"] = kind ?? (saved.Training is null ? "model" : "checkpoint"),
                ["model"] = ReportJson.Model(saved.Model),
                ["metadata"] = kind is null ? ReportJson.Metadata(saved.Metadata) : null,
                ["training"] = saved.Training is null ? null : ReportJson.Training(saved.Training),
                ["operations"] = ops is null ? null : ReportJson.Operations(ops, opsBatch!.Value),
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        ModelInfoView.Write(_context.Console, kind is null ? Path.GetFullPath(path) : path, saved, showMetadata: kind is null);
        if (ops is not null)
        {
            WriteOperations(_context.Console, ops, opsBatch!.Value);
        }
        return ExitCodes.Success;
    }

    private static void WriteOperations(IAnsiConsole console, IReadOnlyList<OpRecord> ops, int batch)
    {
        console.Write(new Rule($"operations of one forward pass, batch {batch}").LeftJustified());
        Table table = Cells.NewTable("#", "kind", "module", "inputs", "output", "FLOPs", "bytes").RightAlign(0, 5, 6);
        foreach (OpRecord op in ops)
        {
            string inputs = string.Join(", ", op.Inputs.Select(i => i.Producer >= 0
                ? $"#{i.Producer}"
                : $"{(i.IsParameter ? "param" : "input")} {Triad.Numerics.Tensors.Tensor<double>.ShapeToString(i.Shape)}"));
            table.AddRow(Cells.Number(op.Id.ToString(CultureInfo.InvariantCulture)), Cells.Text(op.Kind), Cells.Text(op.Module), Cells.Text(inputs),
                Cells.Text((op.OutputComplex ? "complex " : "") + Triad.Numerics.Tensors.Tensor<double>.ShapeToString(op.OutputShape)),
                Cells.Number(Format.Count(op.Flops)), Cells.Number(Format.Count(op.BytesMoved)));
        }
        console.Write(table);
        Cells.Field(console, "total", $"{Format.Count(ops.Sum(o => o.Flops))} FLOPs, {Format.Count(ops.Sum(o => o.BytesMoved))} bytes moved");
    }
}
