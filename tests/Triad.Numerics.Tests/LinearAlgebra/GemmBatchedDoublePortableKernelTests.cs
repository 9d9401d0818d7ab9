using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmBatchedDoublePortableKernelTests(ITestOutputHelper output) : GemmBatchedTests<double>(output, portableKernel: true);
