using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

public class Im2ColDoubleTests(ITestOutputHelper output) : Im2ColTests<double>(output);
