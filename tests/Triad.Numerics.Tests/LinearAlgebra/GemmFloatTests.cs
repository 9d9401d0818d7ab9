using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmFloatTests(ITestOutputHelper output) : GemmTests<float>(output, portableKernel: false);
