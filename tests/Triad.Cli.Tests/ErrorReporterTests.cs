using CsCheck;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Cli.Tests;

public sealed class ErrorReporterTests(ITestOutputHelper output)
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new UsageException("--lr -1: bad"), 2 },
        { new ArgumentException("bad value", "name"), 2 },
        { new FileNotFoundException("data file not found: 'x.csv'", "x.csv"), 2 },
        { new DataFormatException("x.csv", "line 3", "expected 5 fields, found 4"), 2 },
        { new ModelSpecException("spec.json layer 2: unknown layer type 'x'"), 2 },
        { new ShapeMismatchException("model takes [64], data has [4]"), 2 },
        { new InvalidDataException("m.triad: not a Triad model file"), 2 },
        { new TrainingDivergedException("training diverged in epoch 1"), 1 },
        { new IOException("disk full"), 1 },
        { new InvalidOperationException("bug"), 1 },
        { new OperationCanceledException(), 130 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_Exception_WritesOneLineAndMapsExitCode(Exception exception, int expectedCode)
    {
        using var stderr = new StringWriter();
        int code = ErrorReporter.Report(exception, stderr, debug: false);

        Assert.Equal(expectedCode, code);
        string text = stderr.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("triad: error: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ArgumentException_DropsParameterSuffix()
    {
        using var stderr = new StringWriter();
        ErrorReporter.Report(new ArgumentException("unknown built-in model 'x'", "name"), stderr, debug: false);

        Assert.Equal("triad: error: unknown built-in model 'x'", stderr.ToString().TrimEnd());
    }

    [Fact]
    public void Report_DebugMode_AddsStackTrace()
    {
        using var stderr = new StringWriter();
        try
        {
            throw new InvalidDataException("broken");
        }
        catch (InvalidDataException e)
        {
            ErrorReporter.Report(e, stderr, debug: true);
        }

        Assert.Contains("at Triad.Cli.Tests.ErrorReporterTests", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneLine_AnyMessage_HasNoLineBreaks()
    {
        // Characters 0..200 take in every control character, CR and LF among them, and some Latin-1 letters.
        PropertyRunner.Run(Gen.String[Gen.Char[(char)0, (char)200], 0, 60], message =>
        {
            string line = ErrorReporter.OneLine(message);
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.NotEmpty(line);
        }, baseSeed: 6_100, cases: 200, output);
    }

    [Theory]
    [InlineData("first\nsecond", "first second")]
    [InlineData("  a\r\n\tb  ", "a b")]
    [InlineData("\n\n", "unknown error")]
    [InlineData("", "unknown error")]
    public void OneLine_Message_FoldsBreaksIntoSpaces(string message, string expected)
    {
        Assert.Equal(expected, ErrorReporter.OneLine(message));
    }
}
