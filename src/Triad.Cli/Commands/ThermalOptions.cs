using System.CommandLine;
using System.Globalization;
using Triad.Photonics.Thermal;

namespace Triad.Cli.Commands;

/// <summary>
/// The chip and ambient-trace options that <c>triad photonic drift</c> and <c>drift-accuracy</c> share: the trace
/// (step, ramp or seeded random walk), the silicon chip (<see cref="ThermalChip"/>: heater length, λ, gradient across
/// the modes, crosstalk, arm model) and the remedies' interval; each validated with a one-line error naming it.
/// </summary>
internal sealed class ThermalOptions
{
    private readonly Option<string> _trace = new("--trace") { Description = "ambient trace: step, ramp or walk", DefaultValueFactory = _ => "walk" };
    private readonly Option<double> _duration = new("--duration") { Description = "trace length in s", DefaultValueFactory = _ => 60.0 };
    private readonly Option<double> _dt = new("--dt") { Description = "time step in s", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _height = new("--height") { Description = "step height in K (step trace, at a tenth of the duration)", DefaultValueFactory = _ => 2.0 };
    private readonly Option<double> _slope = new("--slope") { Description = "ramp slope in K/s", DefaultValueFactory = _ => 0.05 };
    private readonly Option<double> _sigma = new("--sigma") { Description = "random-walk σ in K/√s", DefaultValueFactory = _ => 0.3 };
    private readonly Option<double> _gradient = new("--gradient") { Description = "temperature difference across the modes in K", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _crosstalk = new("--crosstalk") { Description = "fraction of a neighbouring heater's phase picked up", DefaultValueFactory = _ => 0.0 };
    private readonly Option<double> _heaterLength = new("--heater-length") { Description = "phase-shifter length in µm", DefaultValueFactory = _ => 100.0 };
    private readonly Option<double> _wavelength = new("--wavelength") { Description = "wavelength in nm", DefaultValueFactory = _ => 1550.0 };
    private readonly Option<string> _arms = new("--arms") { Description = "arm model: unbalanced (every shifter sees κ·ΔT) or balanced (only arm differences and imbalance)", DefaultValueFactory = _ => "unbalanced" };
    private readonly Option<double> _armImbalance = new("--arm-imbalance") { Description = "balanced arms: upper-arm excess length ΔL in µm (assumed 1 µm)", DefaultValueFactory = _ => 1.0 };
    private readonly Option<double> _interval = new("--interval") { Description = "time between monitor reads and between recalibrations in s", DefaultValueFactory = _ => 10.0 };

    public ThermalOptions()
    {
        _trace.AcceptOnlyFromAmong("step", "ramp", "walk");
        _arms.AcceptOnlyFromAmong("unbalanced", "balanced");
    }

    /// <summary>The options, in the order help lists them.</summary>
    public IEnumerable<Option> All => [_trace, _duration, _dt, _height, _slope, _sigma, _gradient, _crosstalk, _heaterLength, _wavelength, _arms, _armImbalance, _interval];

    /// <summary>The chip, the ambient trace (its random walk seeded by <paramref name="seed"/>), the trace's name and the remedies' interval (s).</summary>
    public (ThermalChip Chip, AmbientTrace Trace, string TraceName, double Interval) Read(ParseResult p, ulong seed)
    {
        double duration = p.GetValue(_duration), dt = p.GetValue(_dt), interval = p.GetValue(_interval);
        double gradient = p.GetValue(_gradient), crosstalk = p.GetValue(_crosstalk), lengthUm = p.GetValue(_heaterLength), lambdaNm = p.GetValue(_wavelength);
        double height = p.GetValue(_height), slope = p.GetValue(_slope), sigma = p.GetValue(_sigma), imbalanceUm = p.GetValue(_armImbalance);
        CommonOptions.Require(double.IsFinite(dt) && dt > 0, "--dt", dt, "must be a positive finite number of seconds");
        CommonOptions.Require(double.IsFinite(duration) && duration >= dt, "--duration", duration, "must be a finite number of seconds, at least --dt");
        CommonOptions.Require(duration / dt <= 100_000, "--duration", duration, "gives more than 100000 steps at this --dt");
        CommonOptions.Require(double.IsFinite(interval) && interval > 0, "--interval", interval, "must be a positive finite number of seconds");
        CommonOptions.Require(double.IsFinite(gradient), "--gradient", gradient, "must be a finite number of K");
        CommonOptions.Require(crosstalk is >= 0 and < 1, "--crosstalk", crosstalk, "must be a fraction in [0, 1)");
        CommonOptions.Require(double.IsFinite(lengthUm) && lengthUm > 0, "--heater-length", lengthUm, "must be a positive finite number of µm");
        CommonOptions.Require(double.IsFinite(lambdaNm) && lambdaNm > 0, "--wavelength", lambdaNm, "must be a positive finite number of nm");
        CommonOptions.Require(double.IsFinite(height), "--height", height, "must be a finite number of K");
        CommonOptions.Require(double.IsFinite(slope), "--slope", slope, "must be a finite number of K/s");
        CommonOptions.Require(double.IsFinite(sigma) && sigma >= 0, "--sigma", sigma, "must be a finite number of K/√s, at least 0");
        CommonOptions.Require(double.IsFinite(imbalanceUm) && imbalanceUm > -lengthUm, "--arm-imbalance", imbalanceUm, "must be a finite number of µm above minus the heater length");
        ThermalArms arms = p.GetValue(_arms) == "balanced" ? ThermalArms.Balanced : ThermalArms.Unbalanced;
        CommonOptions.Require(arms == ThermalArms.Balanced || p.GetResult(_armImbalance) is null or { Implicit: true }, "--arm-imbalance", imbalanceUm, "applies only with --arms balanced");
        var chip = new ThermalChip
        {
            HeaterLengthMeters = lengthUm * 1e-6,
            WavelengthMeters = lambdaNm * 1e-9,
            GradientAcrossModesKelvin = gradient,
            CrosstalkFraction = crosstalk,
            Arms = arms,
            ArmLengthImbalanceMeters = imbalanceUm * 1e-6,
        };
        string traceName = p.GetValue(_trace)!;
        AmbientTrace trace = traceName switch
        {
            "step" => AmbientTrace.Step(duration, dt, duration / 10, height),
            "ramp" => AmbientTrace.Ramp(duration, dt, slope),
            _ => AmbientTrace.RandomWalk(duration, dt, sigma, seed),
        };
        return (chip, trace, traceName, interval);
    }

    /// <summary>One line describing <paramref name="chip"/> for the commands' tables.</summary>
    public static string Describe(ThermalChip chip) =>
        string.Create(CultureInfo.InvariantCulture,
            $"silicon, heater {chip.HeaterLengthMeters * 1e6:G4} µm, λ {chip.WavelengthMeters * 1e9:G5} nm, dn/dT {chip.ThermoOpticPerKelvin:G2} K⁻¹: {chip.PhasePerKelvin:G4} rad/K; gradient {chip.GradientAcrossModesKelvin:G3} K across the modes; ")
        + (chip.Arms == ThermalArms.Balanced
            ? string.Create(CultureInfo.InvariantCulture, $"balanced arms, ΔL {chip.ArmLengthImbalanceMeters * 1e6:G4} µm")
            : "unbalanced arms");
}
