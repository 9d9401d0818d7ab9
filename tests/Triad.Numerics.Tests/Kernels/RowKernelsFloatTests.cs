using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

public class RowKernelsFloatTests(ITestOutputHelper output) : RowKernelsTests<float>(output);
