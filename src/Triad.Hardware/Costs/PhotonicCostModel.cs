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

    /// <summary>Static heater power of one programmed tile, W (<see cref="PhotonicCostModel.TileHeaterWatts"/>).</summary>
    public double HeaterWatts { get; init; }

    /// <summary>Optical loss along a path through one tile, dB (<see cref="PhotonicCostModel.TilePathLossDb"/>).</summary>
    public double PathLossDb { get; init; }
}

/// <summary>
/// The photonic cost model: a product Y = W·X of an m×k weight matrix W and k×n inputs X (n vectors) on N×N MZI
/// meshes (Clements et al., Optica 3, 1460, 2016). W is cut into T = ⌈m/N⌉·⌈k/N⌉ tiles; each N×N tile, an arbitrary
/// (not unitary) matrix, is mapped by its singular value decomposition W_t = U·Σ·V† onto two meshes and a column of
/// N attenuators between them (Miller, Photon. Res. 1, 1 (2013); Shen et al., Nat. Photonics 11, 441 (2017)); for each
/// tile the meshes are programmed and the n vectors are streamed through; partial sums over the ⌈k/N⌉ column blocks
/// are added electronically.
/// </summary>
/// <remarks>
/// Time: T · (t_prog + n / f_s). A thermo-optic phase shifter is a first-order system with −3 dB bandwidth f_h, time
/// constant τ = 1 / (2π f_h); a phase step settles to within one DAC least-significant bit (2^−b of the step) after
/// t_prog = τ · ln 2^b (every heater of a tile settles at once). f_s is the slowest of the modulator's rate (one symbol
/// per input sample, read as the rate in Gb/s of a one-bit-per-symbol drive), the detector's rate, and the DAC's and
/// ADC's sample rates, where given.
/// Phase shifters per tile: each mesh has M = N(N−1)/2 MZIs (the file's <c>mziCount</c>) with two shifters each (θ, φ)
/// and an output phase screen of N, S = 2M + N = N² shifters (the N² real parameters of a unitary); the tile has 2S
/// mesh shifters and N attenuators, an attenuator being an MZI whose θ = 2·asin(σ_i/σ_max) sets its transmission.
/// Energy by component:
/// heaters P_h · t with P_h = P_π·2S + (P_π/2)·N: heater power is linear in phase (P = P_π·φ/π), and the cost model
/// sees op shapes, not the trained weights, so it averages: mesh phases uniform over [0, 2π) draw P_π on average,
/// attenuator θ uniform over [0, π] draws P_π/2; counted while programming ("heaters, reprogramming") and while
/// streaming ("heaters, streaming");
/// weight DAC: 2S + N conversions per tile;
/// input DAC: one conversion per input sample, ⌈m/N⌉ · k · n samples (every row block needs all k inputs);
/// modulators: the same samples × the modulator energy per bit (one symbol per sample);
/// ADC: one conversion per partial output, ⌈k/N⌉ · m · n samples;
/// laser: P_optical / η_wall-plug · t.
/// Path loss, one rule for Triad.Hardware and Triad.Photonics' <c>EnergyModel</c>: every MZI a path crosses costs the
/// loss of its two phase shifters (θ and φ, 2 × <c>insertionLossDbPerPhaseShifter</c>; couplers and phase screens taken
/// lossless); a path crosses N MZIs of a mesh, so 2N·L for one mesh and (2N + 1)·2L for a tile (V†, the attenuator, U).
/// A component whose figure the device file does not cite is left out and named in the assumptions, never guessed.
/// The electronic additions of partial sums and every op other than a matrix product are not the mesh's: they go to
/// an electronic device.
/// </remarks>
public static class PhotonicCostModel
{
    /// <summary>Phase shifters of one N-mode mesh: two per MZI (θ, φ) and an output screen of N, 2·mziCount + N.</summary>
    public static double MeshShifters(PhotonicProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return (2 * device.Figure("mziCount")!.Value) + device.MeshSize;
    }

    /// <summary>Average static heater power of one mesh holding a unitary, W: every shifter at P_π on average (phases uniform over [0, 2π)).</summary>
    public static double MeshHeaterWatts(PhotonicProfile device) => MeshShifters(device) * device.Figure("heaterPiPowerMilliwatts")!.Value * 1e-3;

    /// <summary>
    /// Average static heater power of one tile U·Σ·V†, W: two meshes (<see cref="MeshHeaterWatts"/>) and N attenuators
    /// at P_π/2 on average (θ uniform over [0, π]).
    /// </summary>
    public static double TileHeaterWatts(PhotonicProfile device) =>
        (2 * MeshHeaterWatts(device)) + (device.MeshSize * device.Figure("heaterPiPowerMilliwatts")!.Value * 1e-3 / 2);

    /// <summary>Loss along a path through one mesh, dB: N MZIs × 2 phase shifters × the loss per shifter.</summary>
    public static double MeshPathLossDb(PhotonicProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.MeshSize * 2 * device.Figure("insertionLossDbPerPhaseShifter")!.Value;
    }

    /// <summary>Loss along a path through one tile (V†, an attenuator, U), dB: (2N + 1) MZIs × 2 phase shifters × the loss per shifter.</summary>
    public static double TilePathLossDb(PhotonicProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return ((2.0 * device.MeshSize) + 1) * 2 * device.Figure("insertionLossDbPerPhaseShifter")!.Value;
    }

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
        double shifters = MeshShifters(device), settings = (2 * shifters) + size;
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

        double heaterPower = TileHeaterWatts(device);
        double inputSamples = (double)rowBlocks * k * n, outputSamples = (double)columnBlocks * m * n;
        var parts = new List<EnergyComponent>
        {
            new("heaters, reprogramming", heaterPower * programming),
            new("heaters, streaming", heaterPower * streaming),
        };
        var assumptions = new List<string>
        {
            $"{m}×{k}·{k}×{n} on {size}×{size} tiles: {rowBlocks}·{columnBlocks} = {tiles} tiles, each U·Σ·V† on two meshes and {size} attenuators, streaming {n} vectors",
            $"reprogramming: τ = 1/(2π·{F(heaterBandwidth / 1e3)} kHz) = {F(tau * 1e6)} µs, settled to 1 LSB of {bits} bits after τ·ln 2^{bits} = {F(reprogram * 1e6)} µs per tile",
            $"streaming at {F(sampleRate / 1e9)} G vectors/s (limited by the {limitName})",
            $"heaters: 2 meshes × {F(shifters)} phase shifters × P_π {F(piPower * 1e3)} mW (phases not known to the model: averaged uniform over [0, 2π)) + {size} attenuators × P_π/2 (θ averaged over [0, π]) = {F(heaterPower)} W while the product runs",
            $"path loss: (2·{size} + 1) MZIs × 2 phase shifters × {F(device.Figure("insertionLossDbPerPhaseShifter")!.Value)} dB = {F(TilePathLossDb(device))} dB (couplers and phase screens lossless)",
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
        Add("weight DAC", "dacEnergyPicojoulesPerConversion", tiles * settings, 1e-12, "phase settings");
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
        return new PhotonicCost(device.Id, tiles, reprogram, sampleRate, seconds, joules, parts, 2.0 * m * k * n, assumptions)
        {
            HeaterWatts = heaterPower,
            PathLossDb = TilePathLossDb(device),
        };
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
