using Triad.Hardware.Catalog;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Costs;

/// <summary>
/// The roofline model for CPUs and GPUs (Williams, Waterman and Patterson, "Roofline", CACM 52(4), 2009):
/// an op takes t = max(F / P, B / W) seconds, F its FLOPs, P the device's peak dense rate in the op's precision
/// (FLOP/s), B the bytes it moves, W the memory bandwidth (bytes/s); it is memory-bound when B/W ≥ F/P, i.e. when
/// its intensity F/B is below the ridge point P/W. Energy charges the board at its thermal design power for the
/// op's time, E = P_TDP · t (the convention of the Llama 2 and Llama 3 model cards' emissions figures), an upper
/// bound since a board rarely draws its full TDP.
/// The breakdown splits that energy where the device file cites per-operation energies (its optional
/// <c>energy</c> object): "arithmetic" = F · e_F (pJ per FLOP in the op's precision), "memory traffic" = B · e_B (pJ per
/// byte of device memory), and "rest of board" = P_TDP · t − the two (static power, control, caches and on-chip wires,
/// which no cited figure itemises). The catalog's e_F and e_B are Horowitz's 45 nm figures ("Computing's energy
/// problem", ISSCC 2014), not scaled to the device's process (no cited scaling): they overstate a 4–7 nm chip's
/// energy per operation, so the itemised parts are bounded: when F · e_F + B · e_B exceeds P_TDP · t both are scaled by
/// P_TDP · t / (F · e_F + B · e_B) and the rest is 0 (<see cref="EnergyBreakdown"/>). The total stays P_TDP · t. With
/// no figure cited for the op's precision or for the memory, that part is not itemised; with neither, the breakdown
/// is the one component "board".
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
            EnergyBreakdown(op, device, joules));
    }

    /// <summary>The components of <paramref name="boardJoules"/> = P_TDP · t for <paramref name="op"/> (see the class remarks).</summary>
    public static IReadOnlyList<EnergyComponent> EnergyBreakdown(Op op, ElectronicProfile device, double boardJoules)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(device);
        double? arithmetic = device.PicojoulesPerFlop.TryGetValue(op.Precision, out SourcedValue? ef) ? op.Flops * ef.Value * 1e-12 : null;
        double? traffic = device.MemoryPicojoulesPerByte is { } eb ? op.Bytes * eb.Value * 1e-12 : null;
        if (arithmetic is null && traffic is null)
        {
            return [new EnergyComponent("board", boardJoules)];
        }
        double itemised = (arithmetic ?? 0) + (traffic ?? 0);
        double scale = itemised > boardJoules ? boardJoules / itemised : 1;
        var parts = new List<EnergyComponent>(3);
        if (arithmetic is { } a)
        {
            parts.Add(new EnergyComponent("arithmetic", a * scale));
        }
        if (traffic is { } m)
        {
            parts.Add(new EnergyComponent("memory traffic", m * scale));
        }
        parts.Add(new EnergyComponent("rest of board", Math.Max(0, boardJoules - itemised * scale)));
        return parts;
    }

    /// <summary>The ridge point P/W in FLOPs per byte: ops of lower intensity are memory-bound.</summary>
    public static double RidgeIntensity(ElectronicProfile device, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.PeakFlopsPerSecond(precision) / device.MemoryBytesPerSecond;
    }
}
