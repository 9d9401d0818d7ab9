using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Triad.Learning.Models;
using Triad.Learning.Serialization;
using Triad.Learning.Training;

namespace Triad.Cli.Output;

/// <summary>
/// The JSON the commands write (report.json, <c>--json</c>). Names are camelCase; a number that is not finite
/// (a validation loss when there is no validation split) is written as null.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indented JSON text of <paramref name="node"/>, ending with a line break.</summary>
    public static string ToText(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(s_options) + "\n";
    }

    /// <summary>A number, or null when it is NaN or infinite.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>A number, or null when absent, NaN or infinite.</summary>
    public static JsonNode? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>The metrics of each epoch.</summary>
    public static JsonArray History(IEnumerable<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var array = new JsonArray();
        foreach (EpochMetrics m in history)
        {
            array.Add(new JsonObject
            {
                ["epoch"] = m.Epoch,
                ["trainLoss"] = Number(m.TrainLoss),
                ["trainAccuracy"] = Number(m.TrainAccuracy),
                ["validationLoss"] = Number(m.ValidationLoss),
                ["validationAccuracy"] = Number(m.ValidationAccuracy),
                ["seconds"] = Number(m.Seconds),
                ["samplesPerSecond"] = Number(m.SamplesPerSecond),
            });
        }
        return array;
    }

    /// <summary>An evaluation: overall scores, per-class scores with support, and the confusion matrix (rows = true class).</summary>
    public static JsonObject Evaluation(EvaluationReport report, string split)
    {
        ArgumentNullException.ThrowIfNull(report);
        var classes = new JsonArray();
        for (int k = 0; k < report.ClassNames.Count; k++)
        {
            classes.Add(new JsonObject
            {
                ["label"] = k,
                ["name"] = report.ClassNames[k],
                ["precision"] = Number(report.Precision[k]),
                ["recall"] = Number(report.Recall[k]),
                ["f1"] = Number(report.F1[k]),
                ["support"] = report.Confusion[k].Sum(),
            });
        }
        var confusion = new JsonArray();
        foreach (int[] row in report.Confusion)
        {
            confusion.Add(new JsonArray(row.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()));
        }
        return new JsonObject
        {
            ["dataSet"] = report.DataSet,
            ["split"] = split,
            ["samples"] = report.Count,
            ["loss"] = Number(report.Loss),
            ["accuracy"] = Number(report.Accuracy),
            ["macroF1"] = Number(report.MacroF1),
            ["classes"] = classes,
            ["confusion"] = confusion,
        };
    }

    /// <summary>The model's structure: shapes, loss, layers with output shapes and parameter counts, and the spec.</summary>
    public static JsonObject Model(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var nodes = new JsonArray();
        foreach (NodeRow row in NodeRow.Describe(model))
        {
            nodes.Add(new JsonObject
            {
                ["index"] = row.Index,
                ["name"] = row.Name,
                ["type"] = row.Type,
                ["inputs"] = new JsonArray(row.Inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
                ["shares"] = row.Shares,
                ["settings"] = row.Settings,
                ["outputShape"] = Shape(row.OutputShape),
                ["parameters"] = row.Parameters,
                ["flops"] = row.Flops,
            });
        }
        return new JsonObject
        {
            ["name"] = model.Spec.Name,
            ["precision"] = model.Precision,
            ["inputShape"] = Shape(model.InputShape),
            ["outputShape"] = Shape(model.OutputShape),
            ["loss"] = model.Spec.Loss,
            ["parameters"] = model.ParameterCount,
            ["output"] = model.Spec.Output,
            ["nodes"] = nodes,
            ["spec"] = model.Spec.ToNode(),
        };
    }

    /// <summary>The op graph of one forward pass: every operation with its operands, output, FLOPs and bytes, and totals.</summary>
    public static JsonObject Operations(IReadOnlyList<Triad.Learning.Autograd.OpRecord> ops, int batch)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var list = new JsonArray();
        foreach (var op in ops)
        {
            list.Add(new JsonObject
            {
                ["id"] = op.Id,
                ["kind"] = op.Kind,
                ["module"] = op.Module,
                ["node"] = op.Node,
                ["inputs"] = new JsonArray(op.Inputs.Select(i => (JsonNode)new JsonObject
                {
                    ["producer"] = i.Producer,
                    ["shape"] = Shape(i.Shape),
                    ["complex"] = i.Complex,
                    ["parameter"] = i.IsParameter,
                    ["bytes"] = i.Bytes,
                }).ToArray()),
                ["outputShape"] = Shape(op.OutputShape),
                ["outputComplex"] = op.OutputComplex,
                ["flops"] = op.Flops,
                ["bytes"] = op.BytesMoved,
                ["elementType"] = op.ElementType,
            });
        }
        return new JsonObject
        {
            ["batch"] = batch,
            ["count"] = ops.Count,
            ["flops"] = ops.Sum(o => o.Flops),
            ["bytes"] = ops.Sum(o => o.BytesMoved),
            ["ops"] = list,
        };
    }

    /// <summary>A saved model's metadata.</summary>
    public static JsonObject Metadata(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new JsonObject
        {
            ["dataSet"] = metadata.DataSet,
            ["classNames"] = new JsonArray(metadata.ClassNames.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
            ["seed"] = metadata.Seed,
            ["epochs"] = metadata.Epochs,
            ["testAccuracy"] = Number(metadata.TestAccuracy),
        };
    }

    /// <summary>Training options as stored in checkpoints.</summary>
    public static JsonNode Options(TrainingOptions options) => JsonSerializer.SerializeToNode(options, s_options)!;

    /// <summary>A checkpoint's training state (without the tensors).</summary>
    public static JsonObject Training(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new JsonObject
        {
            ["dataSet"] = state.DataSet,
            ["epochsCompleted"] = state.EpochsCompleted,
            ["epochsPlanned"] = state.Options.Epochs,
            ["bestEpoch"] = state.BestEpoch,
            ["bestValidationLoss"] = Number(state.BestValidationLoss),
            ["epochsWithoutImprovement"] = state.EpochsWithoutImprovement,
            ["stoppedEarly"] = state.StoppedEarly,
            ["optimizerSteps"] = state.OptimizerSteps,
            ["options"] = Options(state.Options),
            ["history"] = History(state.History),
        };
    }

    private static JsonArray Shape(int[] shape) => new(shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray());
}
