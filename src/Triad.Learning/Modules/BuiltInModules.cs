namespace Triad.Learning.Modules;

/// <summary>The module kinds Learning itself provides.</summary>
internal static class BuiltInModules
{
    public static IEnumerable<IModuleFactory> Factories =>
    [
        new DenseFactory(),
        new Conv2dFactory(),
        new MaxPool2dFactory(),
        new FlattenFactory(),
        new DropoutFactory(),
        new ActivationFactory("relu", "rectified linear unit"),
        new ActivationFactory("gelu", "Gaussian error linear unit (exact)"),
        new ActivationFactory("tanh", "hyperbolic tangent"),
        new ActivationFactory("sigmoid", "logistic sigmoid"),
        new LayerNormFactory(),
        new MultiHeadAttentionFactory(),
        new MlpFactory(),
        new TransformerBlockFactory(),
        new PatchEmbeddingFactory(),
        new ClassTokenFactory(),
        new PositionEmbeddingFactory(),
        new TokenPoolFactory(),
        new AddFactory(),
        new ConcatFactory(),
        new Photonic.PhotonicLinearFactory(),
        new Photonic.ElectroOpticFactory(),
        new Photonic.PhotodetectFactory(),
        new Photonic.NormalizeFactory(),
        new Photonic.PhotonicDenseFactory(),
        new Quantum.QuantumConv2dFactory(),
    ];
}
