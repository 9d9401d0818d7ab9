using System.CommandLine;
using Triad.Hardware.Catalog;

namespace Triad.Cli.Commands;

/// <summary>Options shared by the <c>plan</c> subcommands.</summary>
internal static class PlanOptions
{
    /// <summary><c>--catalog DIR</c>: read the devices from a folder of device files instead of the built-in catalog.</summary>
    public static Option<string?> Catalog() => new("--catalog")
    {
        Description = "folder of device files (docs/device-catalog.md) to use instead of the built-in catalog",
    };

    /// <summary>The catalog of <paramref name="directory"/>, or the built-in one when it is null.</summary>
    public static DeviceCatalog Load(string? directory) => directory is null ? DeviceCatalog.BuiltIn : DeviceCatalog.LoadDirectory(directory);
}
