using System.Text.Json.Nodes;

namespace Triad.Learning.Models;

/// <summary>The models <c>triad train --model NAME</c> knows by name.</summary>
public static class BuiltInModels
{
    /// <summary>Names of the built-in models.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["digits-mlp", "digits-cnn", "digits-vit", "iris-mlp", "fashion-cnn", "fashion-cnn-small", "fashion-mlp", "fashion-vit", "iris-onn", "digits-onn", "digits-hybrid", "digits-hybrid-electronic",
         "iris-onn-electronic", "digits-onn-electronic"];

    /// <summary>A built-in model by name.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ModelSpec Get(string name)
    {
        static (string, JsonObject) L(string type, params (string Key, JsonNode Value)[] settings)
        {
            var o = new JsonObject();
            foreach (var (key, value) in settings)
            {
                o[key] = value;
            }
            return (type, o);
        }
        return name switch
        {
            "digits-mlp" => ModelSpec.Sequential(name, [64],
                [L("dense", ("units", 128)), L("relu"), L("dropout", ("rate", 0.1)), L("dense", ("units", 64)), L("relu"), L("dense", ("units", 10))]),
            "digits-cnn" => ModelSpec.Sequential(name, [1, 8, 8],
                [L("conv2d", ("filters", 16), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("flatten"), L("dense", ("units", 64)), L("relu"), L("dense", ("units", 10))]),
            "iris-mlp" => ModelSpec.Sequential(name, [4], [L("dense", ("units", 16)), L("tanh"), L("dense", ("units", 3))]),
            "fashion-mlp" => ModelSpec.Sequential(name, [1, 28, 28],
                [L("flatten"), L("dense", ("units", 256)), L("relu"), L("dropout", ("rate", 0.2)), L("dense", ("units", 10))]),
            "fashion-cnn" => ModelSpec.Sequential(name, [1, 28, 28],
                [L("conv2d", ("filters", 16), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("conv2d", ("filters", 32), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("flatten"), L("dense", ("units", 128)), L("relu"), L("dropout", ("rate", 0.25)), L("dense", ("units", 10))]),
            // The CNN of the peer benchmark (benchmarks/peers): no padding, no dropout, so PyTorch runs the same network.
            "fashion-cnn-small" => ModelSpec.Sequential(name, [1, 28, 28],
                [L("conv2d", ("filters", 16), ("kernel", 3)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("conv2d", ("filters", 32), ("kernel", 3)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("flatten"), L("dense", ("units", 128)), L("relu"), L("dense", ("units", 10))]),
            // ViT (Dosovitskiy et al., ICLR 2021) scaled to 8×8 digits: 2×2 patches → 16 tokens, plus a class token.
            "digits-vit" => Vit(name, [1, 8, 8], patch: 2, dim: 64, blocks: 2, heads: 4, hidden: 128, dropout: 0.1),
            // 28×28 Fashion-MNIST in 7×7 patches → 16 tokens. Without dropout it overfits within ten epochs (train 98 %,
            // test 87.6 % with a cosine schedule); dropout 0.1 on each branch holds it back.
            "fashion-vit" => Vit(name, [1, 28, 28], patch: 7, dim: 64, blocks: 4, heads: 4, hidden: 128, dropout: 0.1),
            // Optical networks: unit-power inputs, an MZI mesh, the electro-optic activation of Williamson et al. (2020),
            // a second mesh and direct detection. iris-onn has 4-mode meshes, the size of the first coherent optical
            // network (Shen et al., Nature Photonics 11, 441 (2017)); digits-onn 64-mode ones. Gains: digits spread
            // the unit input power over 64 modes, so the activation and the receiver need more gain than on 4 modes.
            // Phases learn at about 10⁻² rad a step: train with --lr 0.01.
            "iris-onn" => ModelSpec.Sequential(name, [4],
                [L("normalize"), L("photonic-linear"), L("electro-optic"), L("photonic-linear", ("units", 3)), L("photodetect", ("gain", 10))]),
            "digits-onn" => ModelSpec.Sequential(name, [64],
                [L("normalize"), L("photonic-linear"), L("electro-optic", ("gain", 20)), L("photonic-linear", ("units", 10)), L("photodetect", ("gain", 300))]),
            // Electronic twins of the optical networks for weights trained electronically and then mapped onto meshes
            // (PhotonicMapping): each dense layer becomes two meshes of max(in, out) modes (4 for iris, 64 for digits)
            // read by coherent detection; the activation between them is electronic (detect, apply, re-modulate).
            "iris-onn-electronic" => ModelSpec.Sequential(name, [4], [L("dense", ("units", 4)), L("tanh"), L("dense", ("units", 3))]),
            "digits-onn-electronic" => ModelSpec.Sequential(name, [64], [L("dense", ("units", 64)), L("relu"), L("dense", ("units", 10))]),
            // The article's hybrid block scaled to 8×8 digits: an electronic convolution, then a quantum convolution
            // (each 3×3 patch projected onto 4 qubits, a 2-layer trainable circuit, ⟨Z⟩ read-outs to 4 channels), then
            // a dense classifier; digits-hybrid-electronic puts a 3×3 convolution, tanh and a 1×1 convolution where the
            // quantum layer is (1,658 parameters against 1,674: the circuit's 16 weights).
            "digits-hybrid" => ModelSpec.Sequential(name, [1, 8, 8],
                [L("conv2d", ("filters", 4), ("kernel", 3), ("padding", 1)), L("relu"),
                 L("quantum-conv2d", ("filters", 4), ("kernel", 3), ("qubits", 4), ("depth", 2)), L("flatten"), L("dense", ("units", 10))]),
            "digits-hybrid-electronic" => ModelSpec.Sequential(name, [1, 8, 8],
                [L("conv2d", ("filters", 4), ("kernel", 3), ("padding", 1)), L("relu"),
                 L("conv2d", ("filters", 4), ("kernel", 3)), L("tanh"), L("conv2d", ("filters", 4), ("kernel", 1)), L("flatten"), L("dense", ("units", 10))]),
            _ => throw new ArgumentException(
                $"unknown built-in model '{name}' (built-in: {string.Join(", ", Names)}; or give a .json/.yaml spec file)"),
        };

        ModelSpec Vit(string n, int[] input, int patch, int dim, int blocks, int heads, int hidden, double dropout)
        {
            var layers = new List<(string, JsonObject)>
            {
                L("patch-embedding", ("patch", patch), ("dim", dim)),
                L("class-token"),
                L("position-embedding"),
            };
            for (int b = 0; b < blocks; b++)
            {
                layers.Add(dropout > 0
                    ? L("transformer-block", ("heads", heads), ("hidden", hidden), ("dropout", dropout))
                    : L("transformer-block", ("heads", heads), ("hidden", hidden)));
            }
            layers.Add(L("layer-norm"));
            layers.Add(L("token-pool", ("mode", "class")));
            layers.Add(L("dense", ("units", 10), ("init", "xavier")));
            return ModelSpec.Sequential(n, input, layers);
        }
    }
}
