using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

public class OptimizerDoubleTests(ITestOutputHelper output) : OptimizerTests<double>(output);
