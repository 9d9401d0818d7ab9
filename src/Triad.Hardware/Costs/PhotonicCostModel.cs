using Triad.Hardware.Catalog;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Costs;

/// <summary>The time and energy of a matrix product on a photonic mesh, with the figures it rests on.</summary>
/// <param name="DeviceId">The photonic device.</param>
/// <param name="Tiles">N×N weight blocks the product needs, ⌈m/N⌉·⌈k/N⌉.</param>
/// <param name="ReprogramSeconds">Time to set one tile's phases, s.</param>
/// <param name="SampleRate">Vectors per second through the mesh (the slowest of modulator, detector, DAC and ADC rates).</param>
/// <param name="Seconds">Total time, s.</param>
/// <param name="Joules">Total energy, J (the sum of <paramref name="Breakdown"/>).</param>
/// <param name="Breakdown">Energy by component.</param>
/// <param name="Operations">Operations of the product, 2·m·k·n.</param>
/// <param name="Assumptions">The figures and rules used, one line each; parts the profile cannot price are named.</param>
public sealed record PhotonicCost(string DeviceId, long Tiles, double ReprogramSeconds, double SampleRate, double Seconds, double Joules,
    IReadOnlyList<EnergyComponent> Breakdown, double Operations, IReadOnlyList<string> Assumptions)
{
    /// <summary>Energy per operation, pJ.</summary>
    public double PicojoulesPerOperation => Joules / Operations * 1e12;
}

/// <summary>
/// The photonic cost model: a product Y = W·X of an m×k weight matrix W and k×n inputs X (n vectors) on one N×N MZI
/// mesh (Clements et al., Optica 3, 1460, 2016). W is cut into T = ⌈m/N⌉·⌈k/N⌉ tiles; for each the mesh is programmed
/// and the n vectors are streamed through it; partial sums over the ⌈k/N⌉ column blocks are added electronically.
/// </summary>
/// <remarks>
/// Time: T · (t_prog + n / f_s). A thermo-optic phase shifter is a first-order system with −3 dB bandwidth f_h, time
/// constant τ = 1 / (2π f_h); a phase step settles to within one DAC least-significant bit (2^−b of the step) after
/// t_prog = τ · ln 2^b. f_s is the slowest of the modulator's rate (one symbol per input sample, read as the rate in
/// Gb/s of a one-bit-per-symbol drive), the detector's rate, and the DAC's and ADC's sample rates, where given.
/// Energy by component:
/// heaters P_h · t, with P_h = 2 · (MZI count) · P_π: two phase shifters per MZI whose phases, uniform in [0, 2π), draw
/// P_π on average (power linear in phase); counted while programming ("heaters, reprogramming") and while streaming
/// ("heaters, streaming");
/// weight DAC: 2 · (MZI count) conversions per tile;
/// input DAC: one conversion per input sample, ⌈m/N⌉ · k · n samples (every row block needs all k inputs);
/// modulators: the same samples × the modulator energy per bit (one symbol per sample);
/// ADC: one conversion per partial output, ⌈k/N⌉ · m · n samples;
/// laser: P_optical / η_wall-plug · t.
/// A component whose figure the device file does not cite is left out and named in the assumptions, never guessed.
/// The electronic additions of partial sums and every op other than a matrix product are not the mesh's: they go to
/// an electronic device.
/// </remarks>
public static class PhotonicCostModel
{
    /// <summary>The cost of an m×k by k×n product on <paramref name="device"/>.</summary>
    /// <exception cref="HardwareDataException">A size below 1, or a profile without <c>dacBits</c> (needed for the settling time).</exception>
    public static PhotonicCost MatMul(long m, long k, long n, PhotonicProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (m < 1 || k < 1 || n < 1)
        {
            throw new HardwareDataException($"photonic product {m}×{k}·{k}×{n}: sizes must be at least 1");
        }
        int size = device.MeshSize;
        double mzis = device.Figure("mziCount")!.Value;
        double piPower = device.Figure("heaterPiPowerMilliwatts")!.Value * 1e-3;
        double heaterBandwidth = device.Figure("heaterBandwidthKilohertz")!.Value * 1e3;
        double bits = device.Figure("dacBits")?.Value
            ?? throw new HardwareDataException($"device '{device.Id}' gives no dacBits: the phase settling time to one LSB cannot be set");
        long rowBlocks = Ceiling(m, size), columnBlocks = Ceiling(k, size);
        long tiles;
        try
        {
            tiles = checked(rowBlocks * columnBlocks);
        }
        catch (OverflowException)
        {
            throw new HardwareDataException($"photonic product {m}×{k}·{k}×{n} on a {size}×{size} mesh needs more than {long.MaxValue} tiles");
        }
        double tau = 1 / (2 * Math.PI * heaterBandwidth);
        double reprogram = tau * bits * Math.Log(2);

        var rates = new List<(string Name, double Rate)> { ("modulator", device.Figure("modulatorRateGigabitsPerSecond")!.Value * 1e9) };
        foreach ((string key, string name) in (ReadOnlySpan<(string, string)>)[("detectorRateGigahertz", "detector"),
            ("dacRateGigasamplesPerSecond", "DAC"), ("adcRateGigasamplesPerSecond", "ADC")])
        {
            if (device.Figure(key) is { } v)
            {
                rates.Add((name, v.Value * 1e9));
            }
        }
        (string limitName, double sampleRate) = rates.MinBy(r => r.Rate);
        double streaming = tiles * (n / sampleRate);
        double programming = tiles * reprogram;
        double seconds = programming + streaming;

        double heaterPower = 2 * mzis * piPower;
        double inputSamples = (double)rowBlocks * k * n, outputSamples = (double)columnBlocks * m * n;
        var parts = new List<EnergyComponent>
        {
            new("heaters, reprogramming", heaterPower * programming),
            new("heaters, streaming", heaterPower * streaming),
        };
        var assumptions = new List<string>
        {
            $"{m}×{k}·{k}×{n} on a {size}×{size} mesh: {rowBlocks}·{columnBlocks} = {tiles} tiles, each streaming {n} vectors",
            $"reprogramming: τ = 1/(2π·{F(heaterBandwidth / 1e3)} kHz) = {F(tau * 1e6)} µs, settled to 1 LSB of {bits} bits after τ·ln 2^{bits} = {F(reprogram * 1e6)} µs per tile",
            $"streaming at {F(sampleRate / 1e9)} G vectors/s (limited by the {limitName})",
            $"heaters: 2 × {mzis} phase shifters × P_π {F(piPower * 1e3)} mW (phases uniform in [0, 2π)) = {F(heaterPower)} W while the product runs",
        };
        void Add(string component, string figure, double count, double scale, string what)
        {
            if (device.Figure(figure) is { } v)
            {
                parts.Add(new EnergyComponent(component, count * v.Value * scale));
                assumptions.Add($"{component}: {F(count)} {what} × {F(v.Value)} ({figure})");
            }
            else
            {
                assumptions.Add($"{component}: not itemised, the device file cites no {figure}");
            }
        }
        Add("weight DAC", "dacEnergyPicojoulesPerConversion", tiles * 2 * mzis, 1e-12, "phase settings");
        Add("input DAC", "dacEnergyPicojoulesPerConversion", inputSamples, 1e-12, "input samples");
        Add("modulators", "modulatorEnergyFemtojoulesPerBit", inputSamples, 1e-15, "input symbols");
        Add("ADC", "adcEnergyPicojoulesPerConversion", outputSamples, 1e-12, "output samples");
        if (device.Figure("laserPowerMilliwatts") is { } laser && device.Figure("laserWallPlugEfficiency") is { } wpe)
        {
            double electrical = laser.Value * 1e-3 / wpe.Value;
            parts.Add(new EnergyComponent("laser", electrical * seconds));
            assumptions.Add($"laser: {F(laser.Value)} mW optical / wall-plug efficiency {F(wpe.Value)} = {F(electrical)} W for the whole run");
        }
        else
        {
            assumptions.Add("laser: not itemised, the device file cites no laserPowerMilliwatts and laserWallPlugEfficiency");
        }
        assumptions.Add($"the {F((double)(columnBlocks - 1) * m * n)} additions of partial sums run electronically and are not counted here");
        double joules = parts.Sum(p => p.Joules);
        return new PhotonicCost(device.Id, tiles, reprogram, sampleRate, seconds, joules, parts, 2.0 * m * k * n, assumptions);
    }

    /// <summary>
    /// The cost of a matrix-product op the mesh can tile (<see cref="CanTile"/>). With a shared weight matrix
    /// x[.., b]·W[b, c] (a linear layer, an optional bias [c] added electronically), W is the mesh's matrix (m = c outputs,
    /// k = b inputs) and every row of x is a streamed vector (n = the product of x's leading axes). With batched operands
    /// [.., a, b]·[.., b, c], each batch item's second operand is programmed in turn and its a rows streamed.
    /// </summary>
    /// <exception cref="HardwareDataException">The op is not such a product; it goes electronic.</exception>
    public static PhotonicCost Cost(Op op, PhotonicProfile device)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(device);
        if (!CanTile(op))
        {
            throw new HardwareDataException($"op '{op.Id}' ({op.Kind}) is not a matrix product [.., a, b]·[.., b, c] a photonic mesh can tile; it goes electronic");
        }
        long[] a = op.InputShapes[0], b = op.InputShapes[1];
        if (b.Length == 2)
        {
            long vectors = a.AsSpan(0, a.Length - 1).ToArray().Aggregate(1L, (x, y) => x * y);
            return MatMul(b[1], b[0], vectors, device);
        }
        long batch = a.AsSpan(0, a.Length - 2).ToArray().Aggregate(1L, (x, y) => x * y);
        PhotonicCost one = MatMul(b[^1], a[^1], a[^2], device);
        return batch == 1 ? one : Repeat(one, batch);
    }

    /// <summary>
    /// Whether <paramref name="op"/> is a matrix product a mesh can tile: x[.., b]·W[b, c] with an optional bias [c], or
    /// [.., a, b]·[.., b, c] with matching batch axes. Convolutions (their patches are not among the op's shapes) and every
    /// other kind go electronic.
    /// </summary>
    public static bool CanTile(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.Kind != OpKind.MatMul || op.InputShapes.Count is < 2 or > 3)
        {
            return false;
        }
        long[] a = op.InputShapes[0], b = op.InputShapes[1];
        if (a.Length < 2 || b.Length < 2 || a[^1] != b[^2])
        {
            return false;
        }
        if (b.Length == 2)
        {
            return op.InputShapes.Count == 2 || op.InputShapes[2] is [var bias] && bias == b[1];
        }
        return op.InputShapes.Count == 2 && a.Length == b.Length && a.AsSpan(0, a.Length - 2).SequenceEqual(b.AsSpan(0, b.Length - 2));
    }

    private static PhotonicCost Repeat(PhotonicCost one, long times) => one with
    {
        Tiles = one.Tiles * times,
        Seconds = one.Seconds * times,
        Joules = one.Joules * times,
        Operations = one.Operations * times,
        Breakdown = [.. one.Breakdown.Select(p => p with { Joules = p.Joules * times })],
        Assumptions = [.. one.Assumptions, $"repeated for {times} batch items, each with its own weights"],
    };

    private static long Ceiling(long x, int size) => ((x - 1) / size) + 1; // x ≥ 1; no overflow near long.MaxValue

    private static string F(double x) => x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
