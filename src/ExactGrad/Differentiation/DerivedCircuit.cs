using System;
using System.Globalization;
using ExactGrad.Circuits;

namespace ExactGrad.Differentiation;

/// <summary>
/// A circuit whose gate angles φ are functions of trainable parameters θ and data inputs x (an [Ansatz]
/// that takes <c>double[] theta</c>), at one point (θ, x): the circuit over φ, its shift plan, φ there,
/// and ∂φ/∂θ there. Gradients are taken over φ by the shift rules and carried back to θ by the Jacobian.
/// Built for gradients in the data inputs too (<see cref="InputJacobian"/> set), its plan also shifts the
/// angles that depend on x only, and every gradient carried back also gives dC/dx.
/// </summary>
public sealed record DerivedCircuit(Circuit Circuit, ShiftPlan Plan, double[] Angles, AngleJacobian Jacobian)
{
    private readonly AngleJacobian? _inputJacobian;

    /// <summary>
    /// ∂φ/∂x over the data inputs x (its "parameters" are the inputs), when the circuit was built for gradients
    /// in x (<c>{Ansatz}AtWithInputs</c>); null otherwise. <see cref="Plan"/> then shifts every angle that depends
    /// on θ or x, and <see cref="Pullback"/> fills <see cref="GradientResult.InputGradient"/>.
    /// </summary>
    public AngleJacobian? InputJacobian
    {
        get => _inputJacobian;
        init
        {
            if (value is not null && value.AngleCount != Jacobian.AngleCount)
                throw new ArgumentException($"∂φ/∂x covers {value.AngleCount} angles but ∂φ/∂θ covers {Jacobian.AngleCount}.", nameof(value));
            _inputJacobian = value;
        }
    }

    /// <summary>
    /// A text drawing of the circuit over its gate angles φ (<see cref="Circuit"/>'s own parameters, which
    /// <see cref="Circuits.Circuit.Draw"/> would call θ), then one line per angle naming the trained parameters θ it
    /// depends on (those with a derivative entry in <see cref="Jacobian"/>), or "inputs only".
    /// </summary>
    public string Draw()
    {
        var text = new System.Text.StringBuilder(Circuits.CircuitDrawer.Draw(Circuit, "φ"));
        for (int a = 0; a < Jacobian.AngleCount; a++)
        {
            var on = Jacobian.ParametersOf(a);
            text.Append('φ').Append(a.ToString(CultureInfo.InvariantCulture)).Append(" ← ")
                .Append(on.Count == 0 ? "inputs only" : string.Join(", ", System.Linq.Enumerable.Select(on, k => "θ" + k.ToString(CultureInfo.InvariantCulture))))
                .Append(Environment.NewLine);
        }
        return text.ToString();
    }

    /// <summary>
    /// The gradient over θ from one over the circuit's angles: dC/dθ_j = Σ_a dC/dφ_a ∂φ_a/∂θ_j, and, with an
    /// <see cref="InputJacobian"/>, dC/dx_i = Σ_a dC/dφ_a ∂φ_a/∂x_i from the same dC/dφ.
    /// </summary>
    public GradientResult Pullback(GradientResult overAngles)
    {
        var overParameters = Jacobian.Pullback(overAngles);
        if (InputJacobian is null) return overParameters;
        var overInputs = InputJacobian.Pullback(overAngles);
        return overParameters with { InputGradient = overInputs.Gradient, InputStandardErrors = overInputs.StandardErrors };
    }

    /// <summary>
    /// A plan over the circuit's angles as a plan over θ: its result pulled back by the Jacobian, and each
    /// circuit's angles replaced by the parameters they depend on (so a failure names θ indices).
    /// </summary>
    public Plans.MeasurementPlan<GradientResult> Through(Plans.MeasurementPlan<GradientResult> overAngles)
    {
        ArgumentNullException.ThrowIfNull(overAngles);
        return overAngles.Select(Pullback).WithParameters(Jacobian.ParametersOf);
    }
}
