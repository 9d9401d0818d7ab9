using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>Element type tags of a tensor archive.</summary>
public enum TensorElementType : byte
{
    /// <summary>IEEE 754 binary32.</summary>
    Float32 = 1,

    /// <summary>IEEE 754 binary64.</summary>
    Float64 = 2,
}
