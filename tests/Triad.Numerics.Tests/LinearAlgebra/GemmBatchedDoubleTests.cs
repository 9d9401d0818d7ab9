using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmBatchedDoubleTests(ITestOutputHelper output) : GemmBatchedTests<double>(output, portableKernel: false);
