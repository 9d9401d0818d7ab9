using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

public class TrainerFloatTests(ITestOutputHelper output) : TrainerTests<float>(output);
