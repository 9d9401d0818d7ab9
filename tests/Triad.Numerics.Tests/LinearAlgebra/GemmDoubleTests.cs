using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmDoubleTests(ITestOutputHelper output) : GemmTests<double>(output, portableKernel: false);
