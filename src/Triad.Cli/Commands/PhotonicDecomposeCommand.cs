using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Photonics.IO;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic decompose FILE [--mesh clements|reck] [--json]</c>: the phases of a Clements (rectangular) or
/// Reck (triangular) MZI mesh that realise the square unitary in FILE (<c>.npy</c> float64/complex128 in C order, or
/// <c>.csv</c> with real or <c>a+bj</c> entries; see <see cref="MatrixFile"/>), with U = diag(e^{iα})·T_K ⋯ T_1 and
/// T(θ, φ) = B·P(θ)·B·P(φ). The JSON is <c>{"modes", "mesh", "mzis": [{"top", "theta", "phi"}] in the order light
/// meets them, "outputPhases", "reconstructionError"}</c>, the error being ‖U − rebuilt‖_F. A matrix that is not
/// unitary within <c>--tolerance</c> is refused with ‖U†U − I‖_F; so are NaN or infinite entries, a matrix that is
/// not square, and a 0×0 matrix.
/// </summary>
internal sealed class PhotonicDecomposeCommand
{
    private readonly CliContext _context;

    private readonly Argument<string> _file = new("FILE")
    {
        Description = "square unitary matrix, .npy (float64 or complex128, C order) or .csv (reals or a+bj)",
    };

    private readonly Option<string> _mesh = new("--mesh")
    {
        Description = "mesh layout: clements (rectangular, depth N) or reck (triangular, depth 2N-3)",
        DefaultValueFactory = _ => "clements",
    };

    private readonly Option<double> _tolerance = new("--tolerance")
    {
        Description = "largest ‖U†U − I‖_F accepted as unitary",
        DefaultValueFactory = _ => MeshDecomposition.DefaultTolerance,
    };

    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicDecomposeCommand(CliContext context)
    {
        _context = context;
        _mesh.AcceptOnlyFromAmong("clements", "reck");
    }

    /// <summary>The <c>decompose</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PhotonicDecomposeCommand(context);
        var command = new Command("decompose", "phases of a Clements or Reck MZI mesh that realise a unitary matrix");
        command.Arguments.Add(handler._file);
        command.Options.Add(handler._mesh);
        command.Options.Add(handler._tolerance);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_file)!;
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;
        double tolerance = p.GetValue(_tolerance);
        CommonOptions.Require(tolerance >= 0 && double.IsFinite(tolerance), "--tolerance", tolerance, "must be a finite number at least 0");
        MatrixData matrix;
        try
        {
            matrix = MatrixFile.Read(path);
        }
        catch (MatrixFormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        if (matrix.Rows == 0 || matrix.Columns == 0)
        {
            throw new UsageException($"{path}: the matrix is {matrix.Rows}×{matrix.Columns}; a mesh needs at least 1 mode");
        }
        if (matrix.Rows != matrix.Columns)
        {
            throw new UsageException($"{path}: the matrix is {matrix.Rows}×{matrix.Columns}, not square; a mesh maps N modes to N modes");
        }
        int n = matrix.Rows;
        MeshPhases phases;
        try
        {
            phases = MeshDecomposition.Decompose(kind, matrix.Values, n, tolerance);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
        Complex[] rebuilt = new MziMesh(phases).Matrix();
        double error = UnitaryMatrix.FrobeniusDistance(matrix.Values, rebuilt);
        string meshName = kind == MeshKind.Reck ? "reck" : "clements";
        if (p.GetValue(_json))
        {
            var mzis = new JsonArray();
            for (int k = 0; k < phases.Layout.Count; k++)
            {
                mzis.Add(new JsonObject
                {
                    ["top"] = phases.Layout.Top(k),
                    ["theta"] = phases.Theta[k],
                    ["phi"] = phases.Phi[k],
                });
            }
            var root = new JsonObject
            {
                ["modes"] = n,
                ["mesh"] = meshName,
                ["mzis"] = mzis,
                ["outputPhases"] = new JsonArray(phases.Alpha.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["reconstructionError"] = error,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "matrix", $"{Path.GetFullPath(path)} ({n}×{n})");
        Cells.Field(_context.Console, "mesh", $"{meshName}: {phases.Layout.Count} MZIs in {phases.Layout.ColumnCount} columns");
        Cells.Field(_context.Console, "reconstruction", $"‖U − rebuilt‖_F = {error.ToString("E2", CultureInfo.InvariantCulture)}");
        var table = Cells.NewTable("#", "column", "top", "θ (rad)", "φ (rad)").RightAlign(0, 1, 2, 3, 4);
        for (int k = 0; k < phases.Layout.Count; k++)
        {
            table.AddRow(Cells.Number(Str(k)), Cells.Number(Str(phases.Layout.Column(k))), Cells.Number(Str(phases.Layout.Top(k))),
                Cells.Number(phases.Theta[k].ToString("F6", CultureInfo.InvariantCulture)), Cells.Number(phases.Phi[k].ToString("F6", CultureInfo.InvariantCulture)));
        }
        _context.Console.Write(table);
        Cells.Field(_context.Console, "output phases α", string.Join(", ", phases.Alpha.Select(a => a.ToString("F6", CultureInfo.InvariantCulture))));
        return ExitCodes.Success;
    }

    private static string Str(int i) => i.ToString(CultureInfo.InvariantCulture);
}
