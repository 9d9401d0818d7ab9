using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmDoublePortableKernelTests(ITestOutputHelper output) : GemmTests<double>(output, portableKernel: true);
