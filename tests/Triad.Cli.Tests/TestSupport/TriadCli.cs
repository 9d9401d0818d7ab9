namespace Triad.Cli.Tests.TestSupport;

/// <summary>Runs the <c>triad</c> command in-process over string writers (no terminal, no progress bar).</summary>
public static class TriadCli
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Asserts a bad-input failure: exit code 2, nothing on stdout, and exactly one stderr line
    /// "triad: error: …" that contains every one of <paramref name="mentions"/>.
    /// </summary>
    public static void AssertOneLineError(CliResult result, int expectedCode, params string[] mentions)
    {
        Assert.True(result.ExitCode == expectedCode, result.ToString());
        Assert.True(result.Stdout.Length == 0, result.ToString());
        string[] lines = result.ErrorLines;
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("triad: error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", lines[0], StringComparison.Ordinal);
        foreach (string mention in mentions)
        {
            Assert.Contains(mention, lines[0], StringComparison.Ordinal);
        }
    }
}
