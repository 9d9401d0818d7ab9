using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmFloatPortableKernelTests(ITestOutputHelper output) : GemmTests<float>(output, portableKernel: true);
