using Triad.Quantum.Circuits;
using Triad.Quantum.Gradients;
using Triad.Quantum.Qasm;

namespace Triad.Quantum.Tests.Gradients;

/// <summary>
/// A batch shares the operators of gates whose values are the same for every sample (weights, constants) and reads
/// its parameters from a table without a dictionary per sample: the numbers must be bit-identical to running each
/// sample alone from its own dictionary.
/// </summary>
public sealed class BatchOperatorTests
{
    private static (DifferentiableCircuit Circuit, string[] Names) Layer()
    {
        QuantumCircuit c = QasmImporter.Parse("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[3];
            ry(x0) q[0]; ry(x1) q[1]; ry(x2) q[2];
            rx(w0) q[0]; u3(w1,w2,0.3) q[1]; crz(w3) q[2],q[0];
            cx q[0],q[1]; cx q[1],q[2];
            rz(2*w0+x1) q[1]; rxx(w1) q[0],q[2];
            """, "layer.qasm", new QasmImportOptions(AllowFreeParameters: true));
        string[] names = ["x0", "x1", "x2", "w0", "w1", "w2", "w3"];
        return (new DifferentiableCircuit(c, names), names);
    }

    [Fact]
    public void Batch_SharedWeightOperators_BitIdenticalToEachSampleAlone()
    {
        (DifferentiableCircuit dc, string[] names) = Layer();
        var rng = new Random(17);
        double[] w = [.. Enumerable.Range(0, 4).Select(_ => (rng.NextDouble() * 4) - 2)];
        const int batch = 5;
        var table = new double[batch, names.Length];
        var dictionaries = new IReadOnlyDictionary<string, double>[batch];
        for (int s = 0; s < batch; s++)
        {
            for (int k = 0; k < names.Length; k++)
            {
                table[s, k] = k < 3 ? rng.NextDouble() * Math.PI : w[k - 3];
            }
            dictionaries[s] = names.Select((n, k) => (n, k)).ToDictionary(t => t.n, t => table[s, t.k]);
        }
        PauliObservable[] obs = [PauliObservable.Z(0), PauliObservable.Parse("0.5*X0*Z2 - Y1")];
        var upstream = new double[batch, obs.Length];
        for (int s = 0; s < batch; s++)
        {
            upstream[s, 0] = rng.NextDouble() - 0.5;
            upstream[s, 1] = rng.NextDouble() - 0.5;
        }
        double[,] values = dc.Expectations(table, obs);
        double[,] vjp = dc.VectorJacobianProduct(table, obs, upstream);
        GradientResult full = dc.Gradients(dictionaries, obs);
        GradientResult shift = dc.Gradients(dictionaries, obs, new GradientOptions(GradientMethod.ParameterShift));
        for (int s = 0; s < batch; s++)
        {
            // Alone, every gate of the one sample is "shared"; in the batch, only the weight gates are.
            double[,] aloneValues = dc.Expectations([dictionaries[s]], obs);
            double[,] aloneVjp = dc.VectorJacobianProduct([dictionaries[s]], obs, new[,] { { upstream[s, 0], upstream[s, 1] } });
            GradientResult aloneFull = dc.Gradients([dictionaries[s]], obs);
            GradientResult aloneShift = dc.Gradients([dictionaries[s]], obs, new GradientOptions(GradientMethod.ParameterShift));
            for (int j = 0; j < obs.Length; j++)
            {
                Assert.Equal(aloneValues[0, j], values[s, j]);
                Assert.Equal(aloneFull.Values[0, j], full.Values[s, j]);
                for (int k = 0; k < names.Length; k++)
                {
                    Assert.Equal(aloneFull.Jacobian[0, j, k], full.Jacobian[s, j, k]);
                    Assert.Equal(aloneShift.Jacobian[0, j, k], shift.Jacobian[s, j, k]);
                }
            }
            for (int k = 0; k < names.Length; k++)
            {
                Assert.Equal(aloneVjp[0, k], vjp[s, k]);
                Assert.Equal((upstream[s, 0] * full.Jacobian[s, 0, k]) + (upstream[s, 1] * full.Jacobian[s, 1, k]), vjp[s, k], 12);
            }
        }
    }

    [Fact]
    public void KeptStates_SameBitsAsRunningAgain()
    {
        (DifferentiableCircuit dc, string[] names) = Layer();
        var rng = new Random(23);
        var table = new double[4, names.Length];
        var upstream = new double[4, 2];
        for (int s = 0; s < 4; s++)
        {
            for (int k = 0; k < names.Length; k++)
            {
                table[s, k] = k < 3 ? rng.NextDouble() * Math.PI : 0.1 * k;
            }
            upstream[s, 0] = rng.NextDouble() - 0.5;
            upstream[s, 1] = rng.NextDouble() - 0.5;
        }
        PauliObservable[] obs = [PauliObservable.Z(1), PauliObservable.Parse("X0*X1 + 0.3*Z2")];
        BatchStates states = dc.Run(table);
        Assert.Equal(4, states.Count);
        Assert.Equal(dc.Expectations(table, obs).Cast<double>(), dc.Expectations(states, obs).Cast<double>());
        Assert.Equal(dc.VectorJacobianProduct(table, obs, upstream).Cast<double>(), dc.VectorJacobianProduct(states, obs, upstream).Cast<double>());
        (DifferentiableCircuit other, _) = Layer();
        ArgumentException e = Assert.Throws<ArgumentException>(() => other.Expectations(states, obs));
        Assert.Contains("another circuit", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => dc.VectorJacobianProduct(states, obs, new double[3, 2]));
    }

    [Fact]
    public void Table_WrongColumnCount_Refused()
    {
        (DifferentiableCircuit dc, _) = Layer();
        ArgumentException e = Assert.Throws<ArgumentException>(() => dc.Expectations(new double[2, 5], [PauliObservable.Z(0)]));
        Assert.Contains("5 columns, expected one per parameter (7)", e.Message, StringComparison.Ordinal);
    }
}
