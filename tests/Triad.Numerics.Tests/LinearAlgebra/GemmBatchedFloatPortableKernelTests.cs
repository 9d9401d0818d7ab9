using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmBatchedFloatPortableKernelTests(ITestOutputHelper output) : GemmBatchedTests<float>(output, portableKernel: true);
