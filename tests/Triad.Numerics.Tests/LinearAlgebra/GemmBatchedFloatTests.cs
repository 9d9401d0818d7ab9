using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmBatchedFloatTests(ITestOutputHelper output) : GemmBatchedTests<float>(output, portableKernel: false);
