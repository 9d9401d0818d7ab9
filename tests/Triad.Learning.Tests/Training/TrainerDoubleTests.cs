using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

public class TrainerDoubleTests(ITestOutputHelper output) : TrainerTests<double>(output);
