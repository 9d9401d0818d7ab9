using Triad.Hardware.Synchronization;
using Xunit.Abstractions;

namespace Triad.Hardware.Tests.Synchronization;

public class SamplingClockLoopTests(ITestOutputHelper output)
{
    private const double ClockHertz = 10e9, SignalHertz = 2.5e9;

    [Fact]
    public void Run_Order1Ramp_LagIsRateTimesPeriodOverGain()
    {
        // e_{k+1} = (1 − K_p)·e_k + r·T has the fixed point r·T / K_p, ≈ r / ω_L for ω_L·T ≪ 1.
        var loop = new LoopSettings(1, BandwidthHertz: 1e4, UpdateRateHertz: 1e7);
        const double rate = 1e-9; // 1 ns of delay per second
        SkewResult r = SamplingClockLoop.Run(loop, new DelayDrift(rate), ClockHertz, SignalHertz, 0.1, 10_000, seed: 1);
        double kp = 1 - Math.Exp(-2 * Math.PI * 1e4 / 1e7);
        double lag = rate * 1e-7 / kp;
        Assert.Equal(lag, r.MaxSkewSeconds, lag * 1e-6);
        Assert.Equal(lag, r.RmsSkewSeconds, lag * 1e-6);
        // The discrete gain K_p ≈ ω_L·T·(1 − ω_L·T/2) makes the lag 0.31 % longer than the continuous r / ω_L.
        Assert.Equal(rate / (2 * Math.PI * 1e4) * (1 + Math.PI * 1e4 / 1e7), lag, lag * 1e-4);
        Assert.Equal(lag * ClockHertz, r.MaxCycleFraction, 1e-12);
    }

    [Fact]
    public void Run_Order2Ramp_NoLag()
    {
        var order1 = SamplingClockLoop.Run(new LoopSettings(1, 1e4, 1e7), new DelayDrift(1e-9), ClockHertz, SignalHertz, 0.1, 10_000, 1);
        var order2 = SamplingClockLoop.Run(new LoopSettings(2, 1e4, 1e7), new DelayDrift(1e-9), ClockHertz, SignalHertz, 0.1, 10_000, 1);
        output.WriteLine($"order 1 lag {order1.MaxSkewSeconds:E3} s, order 2 residual {order2.MaxSkewSeconds:E3} s");
        Assert.True(order2.MaxSkewSeconds < 1e-6 * order1.MaxSkewSeconds);
    }

    [Fact]
    public void Run_Order1Wander_TrackingErrorIsHighPassOfTheWander()
    {
        // Error transfer of a first-order loop: |E/Θ|(ω) = ω / √(ω² + ω_L²); the rms error of a sine of amplitude A is that × A / √2.
        const double fl = 1e4, fw = 100, amplitude = 1e-12;
        var loop = new LoopSettings(1, fl, 1e7);
        int updates = (int)(1e7 / fw * 4); // four whole wander periods
        SkewResult r = SamplingClockLoop.Run(loop, new DelayDrift(0, amplitude, fw), ClockHertz, SignalHertz, 0.1, updates, 1);
        double gain = fw / Math.Sqrt(fw * fw + fl * fl);
        Assert.Equal(amplitude * gain / Math.Sqrt(2), r.RmsSkewSeconds, amplitude * gain / Math.Sqrt(2) * 0.02);
    }

    [Fact]
    public void Run_Order1DetectorNoise_VarianceOfTheAr1Process()
    {
        // x_{k+1} = (1 − K_p)·x_k − K_p·n_k: var x = K_p·σ² / (2 − K_p). Seed printed; 200,000 updates → ≈ 1 % sampling error.
        const double sigma = 1e-12;
        const ulong seed = 20261125;
        output.WriteLine($"seed {seed}");
        var loop = new LoopSettings(1, 1e4, 1e6);
        SkewResult r = SamplingClockLoop.Run(loop, new DelayDrift(0, DetectorNoiseSeconds: sigma), ClockHertz, SignalHertz, 0.1, 200_000, seed);
        double kp = 1 - Math.Exp(-2 * Math.PI * 1e4 / 1e6);
        double expected = sigma * Math.Sqrt(kp / (2 - kp));
        Assert.Equal(expected, r.RmsSkewSeconds, expected * 0.05);
        SkewResult again = SamplingClockLoop.Run(loop, new DelayDrift(0, DetectorNoiseSeconds: sigma), ClockHertz, SignalHertz, 0.1, 200_000, seed);
        Assert.Equal(r, again);
    }

    [Fact]
    public void Run_SnrAndThreshold_FromTheSkew()
    {
        // Lag 1e-9 / (2π·1e3) ≈ 1.59e-13 s (order 1, f_L = 1 kHz): 0.00159 of a 10 GHz cycle, under 0.1;
        // SNR at 2.5 GHz = −20·log10(2π · 2.5e9 · 1.59e-13) ≈ 52.0 dB.
        SkewResult r = SamplingClockLoop.Run(new LoopSettings(1, 1e3, 1e6), new DelayDrift(1e-9), ClockHertz, SignalHertz, 0.1, 1000, 1);
        Assert.True(r.WithinThreshold);
        Assert.Equal(-20 * Math.Log10(2 * Math.PI * SignalHertz * r.RmsSkewSeconds), r.SnrDecibels, 1e-9);
        Assert.Equal(52.0, r.SnrDecibels, 0.1);
        Assert.Equal((r.SnrDecibels - 1.76) / 6.02, r.EffectiveBits, 1e-12);
        // A fast drift overwhelms a slow loop: 1e-3 s/s over ω_L = 2π·1e3 lags 1.59e-7 s, far beyond a cycle.
        SkewResult fast = SamplingClockLoop.Run(new LoopSettings(1, 1e3, 1e6), new DelayDrift(1e-3), ClockHertz, SignalHertz, 0.1, 1000, 1);
        Assert.False(fast.WithinThreshold);
    }

    [Theory]
    [InlineData(3, 1e3, 1e6, "loop order 3: must be 1 or 2")]
    [InlineData(1, -1.0, 1e6, "loop bandwidth -1 Hz: must be positive")]
    [InlineData(1, 1e3, 1e4, "update rate 10000 Hz: must be at least 20 × the loop bandwidth 1000 Hz")]
    public void Run_BadSettings_NamesThem(int order, double bandwidth, double update, string expected)
    {
        var e = Assert.Throws<HardwareDataException>(() =>
            SamplingClockLoop.Run(new LoopSettings(order, bandwidth, update), new DelayDrift(0), ClockHertz, SignalHertz, 0.1, 10, 1));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Run_TooManyUpdates_RefusedBeforeWork()
    {
        var e = Assert.Throws<HardwareDataException>(() =>
            SamplingClockLoop.Run(new LoopSettings(1, 1, 1e9), new DelayDrift(0), ClockHertz, SignalHertz, 0.1, 10, 1));
        Assert.Contains("lower the update rate or raise the bandwidth", e.Message, StringComparison.Ordinal);
    }
}
