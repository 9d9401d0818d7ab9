using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

public class Im2ColFloatTests(ITestOutputHelper output) : Im2ColTests<float>(output);
