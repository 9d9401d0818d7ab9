using System.Globalization;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Learning.Serialization;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;

namespace Triad.Cli.Rendering;

/// <summary>A saved model as text: structure, layer table, metadata, and a checkpoint's training state.</summary>
internal static class ModelInfoView
{
    /// <summary>Writes everything <paramref name="saved"/> holds.</summary>
    public static void Write(IAnsiConsole console, string path, SavedModel saved, bool showMetadata = true)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(saved);
        var model = saved.Model;
        Cells.Field(console, "file", showMetadata ? $"{path} ({(saved.Training is null ? "model" : "training checkpoint")})" : $"{path} (spec, not trained)");
        Cells.Field(console, "model", $"{model.Spec.Name} ({model.Precision}, {(model.Spec.IsSequential ? "layers" : "graph")}, format version {saved.FormatVersion})");
        Cells.Field(console, "input", Tensor<double>.ShapeToString(model.InputShape));
        Cells.Field(console, "output", Tensor<double>.ShapeToString(model.OutputShape));
        Cells.Field(console, "loss", model.Spec.Loss);
        Cells.Field(console, "parameters", Format.Count(model.ParameterCount));

        bool graph = !model.Spec.IsSequential;
        Table layers = graph
            ? Cells.NewTable("#", "node", "type", "inputs", "settings", "output shape", "parameters", "FLOPs/sample").RightAlign(0, 6, 7)
            : Cells.NewTable("#", "layer", "settings", "output shape", "parameters", "FLOPs/sample").RightAlign(0, 4, 5);
        foreach (NodeRow row in NodeRow.Describe(model))
        {
            var cells = new List<Spectre.Console.Rendering.IRenderable> { Cells.Number(row.Index.ToString(CultureInfo.InvariantCulture)) };
            if (graph)
            {
                cells.Add(Cells.Text(row.Name));
            }
            cells.Add(Cells.Text(row.Shares is null ? row.Type : $"{row.Type} (shares {row.Shares})"));
            if (graph)
            {
                cells.Add(Cells.Text(string.Join(", ", row.Inputs)));
            }
            cells.Add(Cells.Text(row.Settings));
            cells.Add(Cells.Text(row.OutputShapeText));
            cells.Add(Cells.Number(Format.Count(row.Parameters)));
            cells.Add(Cells.Number(Format.Count(row.Flops)));
            layers.AddRow(cells);
        }
        console.Write(layers);
        if (graph)
        {
            Cells.Field(console, "output node", model.Spec.Output);
        }

        if (!showMetadata)
        {
            return;
        }
        ModelMetadata m = saved.Metadata;
        console.Write(new Rule("metadata").LeftJustified());
        Cells.Field(console, "data set", m.DataSet.Length == 0 ? Format.Missing : m.DataSet);
        Cells.Field(console, "classes", m.ClassNames.Count == 0 ? Format.Missing : $"{m.ClassNames.Count}: {string.Join(", ", m.ClassNames)}");
        Cells.Field(console, "seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        Cells.Field(console, "epochs", m.Epochs.ToString(CultureInfo.InvariantCulture));
        Cells.Field(console, "test accuracy", m.TestAccuracy is { } a ? Format.Percent(a) : "not measured");

        if (saved.Training is { } t)
        {
            WriteTraining(console, t);
        }
    }

    private static void WriteTraining(IAnsiConsole console, TrainingState t)
    {
        TrainingOptions o = t.Options;
        console.Write(new Rule("training state").LeftJustified());
        Cells.Field(console, "data set", t.DataSet);
        Cells.Field(console, "epochs", $"{t.EpochsCompleted} of {o.Epochs} completed");
        Cells.Field(console, "best epoch", t.BestEpoch == 0
            ? "none (no validation split)"
            : $"{t.BestEpoch} (validation loss {Format.Fixed4(t.BestValidationLoss)})");
        Cells.Field(console, "early stopping", o.Patience == 0
            ? "off"
            : t.StoppedEarly
                ? $"stopped after {t.EpochsWithoutImprovement} epochs without improvement (patience {o.Patience})"
                : $"{t.EpochsWithoutImprovement} epochs without improvement (patience {o.Patience})");
        string momentum = o.Optimizer.Name == "sgd"
            ? string.Create(CultureInfo.InvariantCulture, $", momentum {o.Optimizer.Momentum:G3}{(o.Optimizer.Nesterov ? " (Nesterov)" : "")}")
            : "";
        Cells.Field(console, "optimizer", string.Create(CultureInfo.InvariantCulture,
            $"{o.Optimizer.Name}, lr {o.Optimizer.LearningRate:G4}{momentum}, weight decay {o.Optimizer.WeightDecay:G4}, {t.OptimizerSteps} steps"));
        Cells.Field(console, "batch size", o.BatchSize.ToString(CultureInfo.InvariantCulture));
        Cells.Field(console, "seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        if (t.History.Count > 0)
        {
            HistoryView.Write(console, t.History, t.BestEpoch);
        }
    }
}
