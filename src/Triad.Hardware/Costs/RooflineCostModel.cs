using Triad.Hardware.Catalog;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Costs;

/// <summary>
/// The roofline model for CPUs and GPUs (Williams, Waterman and Patterson, "Roofline", CACM 52(4), 2009):
/// an op takes t = max(F / P, B / W) seconds, F its FLOPs, P the device's peak dense rate in the op's precision
/// (FLOP/s), B the bytes it moves, W the memory bandwidth (bytes/s); it is memory-bound when B/W ≥ F/P, i.e. when
/// its intensity F/B is below the ridge point P/W. Energy charges the board at its thermal design power for the
/// op's time, E = P_TDP · t (the convention of the Llama 2 and Llama 3 model cards' emissions figures), an upper
/// bound since a board rarely draws its full TDP. The breakdown has one component, "board": splitting it into
/// arithmetic and memory energy needs per-FLOP and per-byte energies that the catalog does not cite yet.
/// </summary>
public static class RooflineCostModel
{
    /// <summary>Time and energy of <paramref name="op"/> on <paramref name="device"/>.</summary>
    /// <exception cref="HardwareDataException">The device has no peak rate for the op's precision, or cannot run its kind.</exception>
    public static OpCost Cost(Op op, ElectronicProfile device)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(device);
        if (!device.CanRun(op.Kind, op.Precision))
        {
            throw new HardwareDataException(
                $"op '{op.Id}' ({op.Kind}, {PrecisionNames.Name(op.Precision)}) cannot run on '{device.Id}'");
        }
        double compute = op.Flops / device.PeakFlopsPerSecond(op.Precision);
        double memory = op.Bytes / device.MemoryBytesPerSecond;
        double seconds = Math.Max(compute, memory);
        double joules = device.TdpWatts.Value * seconds;
        return new OpCost(op.Id, device.Id, seconds, compute, memory, memory >= compute ? "memory" : "compute", joules,
            [new EnergyComponent("board", joules)]);
    }

    /// <summary>The ridge point P/W in FLOPs per byte: ops of lower intensity are memory-bound.</summary>
    public static double RidgeIntensity(ElectronicProfile device, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.PeakFlopsPerSecond(precision) / device.MemoryBytesPerSecond;
    }
}
