using System.Globalization;
using Spectre.Console;
using Triad.Learning.Training;

namespace Triad.Cli.Rendering;

/// <summary>
/// An evaluation as text: overall accuracy, loss and macro F1, a per-class table (precision, recall, F1,
/// support) and the confusion matrix with true classes as rows and predicted classes as columns.
/// </summary>
internal static class EvaluationView
{
    /// <summary>Writes the report under a heading naming the split.</summary>
    public static void Write(IAnsiConsole console, EvaluationReport report, string title, string split)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
        Cells.Field(console, "data", $"{report.DataSet}, {split}");
        Cells.Field(console, "accuracy", $"{Format.Percent(report.Accuracy)} ({Correct(report)} of {report.Count})");
        Cells.Field(console, "loss", Format.Fixed4(report.Loss));
        Cells.Field(console, "macro F1", Format.Fixed4(report.MacroF1));

        Table perClass = Cells.NewTable("class", "precision", "recall", "F1", "support").RightAlign(1, 2, 3, 4);
        for (int k = 0; k < report.ClassNames.Count; k++)
        {
            perClass.AddRow(
                Cells.Text(ClassLabel(report, k)),
                Cells.Number(Format.Fixed4(report.Precision[k])),
                Cells.Number(Format.Fixed4(report.Recall[k])),
                Cells.Number(Format.Fixed4(report.F1[k])),
                Cells.Number(report.Confusion[k].Sum().ToString(CultureInfo.InvariantCulture)));
        }
        console.Write(perClass);

        int classes = report.ClassNames.Count;
        // A plain line rather than a table title: titles wrap to the width of a narrow (few-class) table.
        console.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
        var confusion = new Table().Border(TableBorder.Rounded);
        confusion.AddColumn(new TableColumn(new Text("true \\ pred")));
        for (int k = 0; k < classes; k++)
        {
            confusion.AddColumn(new TableColumn(new Text(k.ToString(CultureInfo.InvariantCulture))).RightAligned());
        }
        for (int t = 0; t < classes; t++)
        {
            var cells = new List<Spectre.Console.Rendering.IRenderable>(classes + 1) { Cells.Text(ClassLabel(report, t)) };
            for (int p = 0; p < classes; p++)
            {
                int n = report.Confusion[t][p];
                string text = n.ToString(CultureInfo.InvariantCulture);
                cells.Add(t == p
                    ? new Text(text, new Style(decoration: Decoration.Bold)) { Justification = Justify.Right }
                    : Cells.Number(n == 0 ? "." : text));
            }
            confusion.AddRow(cells);
        }
        console.Write(confusion);
    }

    /// <summary>"3" for a class named by its label, "3 Dress" otherwise.</summary>
    private static string ClassLabel(EvaluationReport report, int k)
    {
        string label = k.ToString(CultureInfo.InvariantCulture);
        string name = report.ClassNames[k];
        return name == label ? label : $"{label} {name}";
    }

    private static int Correct(EvaluationReport report)
    {
        int correct = 0;
        for (int k = 0; k < report.Confusion.Length; k++)
        {
            correct += report.Confusion[k][k];
        }
        return correct;
    }
}
