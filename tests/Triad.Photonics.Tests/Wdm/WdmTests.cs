using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;
using Triad.Photonics.Wdm;

namespace Triad.Photonics.Tests.Wdm;

/// <summary>WDM channels through one mesh against hand values.</summary>
public class WdmTests
{
    private static MeshPhases Haar(int n, ulong seed) => MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);

    [Fact]
    public void Wavelengths_AreCentredOnTheItuGrid()
    {
        var ch = new WdmChannels(16);
        Assert.Equal(1.55e-6 - (7.5 * 0.8e-9), ch.Wavelength(0), 1e-20);
        Assert.Equal(1.55e-6 + (7.5 * 0.8e-9), ch.Wavelength(15), 1e-20);
        Assert.Equal(1.55e-6, new WdmChannels(3).Wavelength(1), 1e-20);
        Assert.Equal(0.0031623, new WdmChannels(2).LeakFraction, 1e-7); // 25 dB
    }

    [Fact]
    public void ChannelPhases_ScaleByLambda0OverLambda()
    {
        MeshPhases phases = Haar(4, 2);
        var ch = new WdmChannels(4);
        MeshPhases p = WdmMesh.ChannelPhases(phases, ch, 3);
        double r = 1.55e-6 / (1.55e-6 + (1.5 * 0.8e-9));
        for (int i = 0; i < phases.Theta.Length; i++)
        {
            Assert.Equal(ThermoOpticPhaseShifter.Wrap(phases.Theta[i]) * r, p.Theta[i], 1e-15);
            Assert.Equal(ThermoOpticPhaseShifter.Wrap(phases.Phi[i]) * r, p.Phi[i], 1e-15);
        }
        Assert.Equal(ThermoOpticPhaseShifter.Wrap(phases.Alpha[2]) * r, p.Alpha[2], 1e-15);
    }

    [Fact]
    public void CouplerError_FollowsTheCouplingAngle()
    {
        var ch = new WdmChannels(2) { CouplerDispersionPerNm = 0.01 };
        // Channel 1 sits 0.4 nm above λ_0: ψ = (π/4)(1 + 0.004), ε = cos 2ψ = −sin(0.002π).
        Assert.Equal(-Math.Sin(0.002 * Math.PI), WdmMesh.CouplerError(ch, 1), 1e-15);
        Assert.Equal(Math.Cos(2 * (Math.PI / 4) * 1.004), WdmMesh.CouplerError(ch, 1), 1e-15);
        Assert.Equal(0, WdmMesh.CouplerError(new WdmChannels(2), 1));
    }

    [Fact]
    public void OneChannel_IsExact()
    {
        WdmResult r = WdmMesh.Run(Haar(8, 3), new WdmChannels(1));
        Assert.Equal(1.0, r.ChannelFidelity[0], 1e-12);
        Assert.Equal(0, r.IntensityError, 1e-12);
        Assert.Equal(1, r.ThroughputGain);
    }

    [Fact]
    public void TwoChannels_WithPhaseFreeMesh_ErrorIsTheLeakFraction()
    {
        // All phases zero: no phase scales, couplers lossless at D = 0, so both channels see U_0 exactly and
        // I′_0 = I_0 + εI_1, I′_1 = I_1 + εI_0 give ‖I′ − I‖/‖I‖ = ε.
        var phases = new MeshPhases(MeshLayout.Clements(6));
        WdmResult r = WdmMesh.Run(phases, new WdmChannels(2) { IsolationDb = 20 });
        Assert.Equal(0.01, r.IntensityError, 1e-12);
        Assert.All(r.ChannelFidelity, f => Assert.Equal(1.0, f, 1e-12));
    }

    [Fact]
    public void WithCrosstalk_AddsAdjacentPowersOnly()
    {
        double[][] p = [[1, 2], [10, 20], [100, 200]];
        double[][] q = WdmMesh.WithCrosstalk(p, 0.1);
        Assert.Equal([2, 4], q[0]);
        Assert.Equal([20.1, 40.2], q[1]);
        Assert.Equal([101, 202], q[2]);
    }

    [Fact]
    public void MoreChannels_CostFidelity()
    {
        MeshPhases phases = Haar(16, 4);
        WdmResult k4 = WdmMesh.Run(phases, new WdmChannels(4)), k16 = WdmMesh.Run(phases, new WdmChannels(16));
        Assert.True(k16.MinFidelity < k4.MinFidelity, $"{k16.MinFidelity} vs {k4.MinFidelity}");
        Assert.True(k16.IntensityError > k4.IntensityError);
        Assert.Equal(16, k16.ThroughputGain);
        Assert.Equal(15 * 0.8e-9, k16.SpanMeters, 1e-20);
    }

    [Fact]
    public void BadInput_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WdmChannels(0));
        MeshPhases phases = Haar(2, 1);
        Assert.Equal("IsolationDb", Assert.Throws<ArgumentOutOfRangeException>(() => WdmMesh.Run(phases, new WdmChannels(2) { IsolationDb = -3 })).ParamName);
        Assert.Equal("SpacingMeters", Assert.Throws<ArgumentOutOfRangeException>(() => WdmMesh.Run(phases, new WdmChannels(2) { SpacingMeters = 0 })).ParamName);
        Assert.Equal("vectors", Assert.Throws<ArgumentOutOfRangeException>(() => WdmMesh.Run(phases, new WdmChannels(2), vectors: 0)).ParamName);
    }
}
