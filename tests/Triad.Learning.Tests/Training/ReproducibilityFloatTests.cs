using Triad.Learning.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

[Collection(ThreadSettingsCollection.Name)]
public class ReproducibilityFloatTests(ITestOutputHelper output) : ReproducibilityTests<float>(output);
