namespace Triad.Learning.Specs;

/// <summary>The text syntax of a spec file.</summary>
public enum SpecSyntax
{
    /// <summary>JSON (RFC 8259), with // and /* */ comments and trailing commas allowed; extension .json.</summary>
    Json,

    /// <summary>YAML 1.2, one document, core schema scalars; extensions .yaml and .yml.</summary>
    Yaml,
}
