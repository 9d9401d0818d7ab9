using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

public class OptimizerFloatTests(ITestOutputHelper output) : OptimizerTests<float>(output);
