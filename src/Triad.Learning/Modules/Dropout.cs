using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules;

/// <summary>
/// Inverted dropout (see <see cref="Ops.Dropout{T}"/>) while training; the identity in evaluation mode. Each call
/// draws its mask from its own stream (<see cref="Tape{T}.RandomFor"/>): the seed, the step, the module's path and
/// the call's number fix it, whatever the thread count.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dropout<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with drop probability <paramref name="rate"/> in [0, 1).</summary>
    public Dropout(int[] inputShape, double rate) : base("dropout", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rate, 1.0);
        Rate = rate;
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>Drop probability p.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) =>
        Training && Rate > 0 ? Ops.Dropout(input, Rate, Tape<T>.Of(input).RandomFor(this)) : input;
}

/// <summary>Spec kind "dropout": rate = 0.5.</summary>
internal sealed class DropoutFactory : IModuleFactory
{
    public string Kind => "dropout";

    public string Summary => "inverted dropout while training; rate = 0.5";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double rate = context.Settings.DoubleOr("rate", 0.5, 0.0, 1.0);
        context.Settings.RejectUnknown("rate");
        return new Dropout<T>(context.Input, rate);
    }
}
