namespace Triad.Hardware.Catalog;

/// <summary>What a device is, which decides the fields its file has and the cost model that prices its ops.</summary>
public enum DeviceKind
{
    /// <summary>A GPU: peak rates per precision, HBM, board power (roofline).</summary>
    Gpu,

    /// <summary>A CPU socket: peak rates per precision, DRAM bandwidth, TDP (roofline).</summary>
    Cpu,

    /// <summary>A photonic matrix unit described by its components (mesh, modulators, heaters).</summary>
    Photonic,

    /// <summary>A quantum processor: qubits, error rates, gate and readout times.</summary>
    Qpu,
}
