using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Noise;
using Triad.Quantum.Simulation;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Noise;

/// <summary>Random telegraph noise: Markov statistics of the sign, the phase it adds, and its correlation across runs.</summary>
public sealed class RandomTelegraphNoiseTests(ITestOutputHelper output)
{
    [Fact]
    public void Signs_FlipRateAndLagOneCorrelation_MatchTheMarkovProcess()
    {
        // γ = 200 /s, Δt = 1 ms: P(flip) = (1 − e^{−0.4})/2 ≈ 0.1648, correlation e^{−0.4} ≈ 0.670.
        var rtn = new RandomTelegraphNoise(1, 1e6, 200, 50e-9, 1e-3, new SeededRandom(17));
        const int runs = 40000;
        int flips = 0, previous = rtn.Sign(0);
        double products = 0, sum = 0;
        for (int r = 0; r < runs; r++)
        {
            rtn.Advance();
            int s = rtn.Sign(0);
            flips += s != previous ? 1 : 0;
            products += s * previous;
            sum += s;
            previous = s;
        }
        double p = rtn.FlipProbability, rate = (double)flips / runs, correlation = products / runs;
        output.WriteLine($"flip fraction {rate:F4} (expected {p:F4}), lag-1 correlation {correlation:F3} (expected {Math.Exp(-0.4):F3}), mean sign {sum / runs:F3}");
        Assert.Equal((1 - Math.Exp(-0.4)) / 2, p, 15);
        // Binomial σ of the flip fraction = √(p(1−p)/N) ≈ 0.0019: 4σ ≈ 0.0075; correlation = 1 − 2·(flip fraction).
        Assert.InRange(rate, p - 0.0075, p + 0.0075);
        Assert.InRange(correlation, Math.Exp(-0.4) - 0.015, Math.Exp(-0.4) + 0.015);
        // Stationary: the mean sign's standard error with correlation time 1/(2γΔt) ≈ 2.5 runs is ≈ √(5/40000) ≈ 0.011.
        Assert.InRange(sum / runs, -0.06, 0.06);
    }

    [Fact]
    public void Ramsey_PhasePerGate_GivesClosedFormWhateverTheSign()
    {
        // h, ten idle gates, h: each run accumulates φ = s·11·δ·t; P(1) = sin²(φ/2), the same for s = ±1.
        var c = new QuantumCircuit(1);
        c.Gate("h", [0]);
        for (int i = 0; i < 10; i++)
        {
            c.Gate("id", [0]);
        }
        c.Gate("h", [0]);
        CompiledCircuit compiled = CompiledCircuit.Compile(c);
        var rtn = new RandomTelegraphNoise(1, 2e6, 1e3, 40e-9, 1e-4, new SeededRandom(3));
        // Every gate is followed by the phase; those after the first h and the ten ids count (the one after the last h
        // does not change P(1)): φ = 11·δ·t = 0.88 rad.
        double expected = Math.Pow(Math.Sin(11 * 2e6 * 40e-9 / 2), 2);
        var random = new SeededRandom(4);
        for (int run = 0; run < 20; run++)
        {
            double p1 = TrajectorySimulator.One(compiled, null, random.Fork((ulong)run), rtn).ProbabilityOfOne(0);
            Assert.Equal(expected, p1, 13);
            rtn.Advance();
        }
    }

    [Fact]
    public void Outcomes_CorrelatedAcrossRuns_UnlikeWhiteNoise()
    {
        // h, id, sdg, h: P(0) = (1 + sin φ)/2 with φ = s·3·δ·t (the phases after h, id and sdg), which depends on the
        // sign, so successive runs' P(0) carry the sign's correlation e^{−2γΔt}.
        var c = new QuantumCircuit(1);
        c.Gate("h", [0]).Gate("id", [0]).Gate("sdg", [0]).Gate("h", [0]);
        CompiledCircuit compiled = CompiledCircuit.Compile(c);
        double Correlation(double rate)
        {
            var rtn = new RandomTelegraphNoise(1, 5e6, rate, 50e-9, 1e-3, new SeededRandom(8));
            var p = new double[6000];
            for (int r = 0; r < p.Length; r++)
            {
                p[r] = 1 - TrajectorySimulator.One(compiled, null, new SeededRandom(0), rtn).ProbabilityOfOne(0);
                rtn.Advance();
            }
            double mean = p.Average(), variance = p.Sum(x => (x - mean) * (x - mean)), lag = 0;
            for (int r = 1; r < p.Length; r++)
            {
                lag += (p[r] - mean) * (p[r - 1] - mean);
            }
            return lag / variance;
        }
        double slow = Correlation(100), white = Correlation(1e6);
        output.WriteLine($"lag-1 correlation of P(0): {slow:F3} at γΔt = 0.1 (expected {Math.Exp(-0.2):F3}), {white:F3} at γΔt = 1000 (expected 0)");
        // σ of a lag-1 correlation estimate over N = 6000 runs is about √((1+ρ²)/N)·… ≤ 0.02 here; 4σ bounds.
        Assert.InRange(slow, Math.Exp(-0.2) - 0.05, Math.Exp(-0.2) + 0.05);
        Assert.InRange(white, -0.06, 0.06);
    }

    [Fact]
    public void Constructor_NegativeRate_Refused()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTelegraphNoise(1, 1, -1, 1, 1, new SeededRandom(1)));
        Assert.Contains("switching rate -1", e.Message, StringComparison.Ordinal);
    }
}
