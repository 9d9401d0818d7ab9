using Spectre.Console;
using Spectre.Console.Rendering;

namespace Triad.Cli.Rendering;

/// <summary>Table cells from plain text: nothing in the text (class names, paths, brackets) is read as markup.</summary>
internal static class Cells
{
    /// <summary>Left-aligned plain text.</summary>
    public static IRenderable Text(string text) => new Text(text);

    /// <summary>Right-aligned plain text, for numbers.</summary>
    public static IRenderable Number(string text) => new Text(text) { Justification = Justify.Right };

    /// <summary>A table with the house look: rounded border, plain header.</summary>
    public static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }
        return table;
    }

    /// <summary>Right-aligns columns <paramref name="columns"/>.</summary>
    public static Table RightAlign(this Table table, params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (int c in columns)
        {
            table.Columns[c].RightAligned();
        }
        return table;
    }

    /// <summary>Writes "label: value" with the label dimmed.</summary>
    public static void Field(IAnsiConsole console, string label, string value)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine($"[grey]{Markup.Escape(label)}:[/] {Markup.Escape(value)}");
    }
}
