using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

public class RowKernelsDoubleTests(ITestOutputHelper output) : RowKernelsTests<double>(output);
