using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace ExactGrad.CompilerServices;

/// <summary>
/// The argument checks the generated members make on entry, written once here so every generated file gives
/// the same messages. For generated code only; it may change in any release without notice.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedChecks
{
    /// <summary>
    /// Checks a call's θ and x against the ansatz: lengths, and every value finite. The message names the
    /// offending index and value.
    /// </summary>
    /// <param name="ansatz">The [Ansatz] method's name, for the message.</param>
    /// <param name="theta">The parameters passed.</param>
    /// <param name="parameterCount">The parameters the ansatz takes.</param>
    /// <param name="x">The data inputs passed (empty for an ansatz without inputs).</param>
    /// <param name="inputCount">The data inputs the ansatz takes.</param>
    /// <exception cref="ArgumentException">A length is wrong or a value is NaN or infinite.</exception>
    public static void CheckArguments(string ansatz, ReadOnlySpan<double> theta, int parameterCount, ReadOnlySpan<double> x, int inputCount)
    {
        if (theta.Length != parameterCount)
            throw new ArgumentException($"{ansatz} takes {parameterCount} parameter(s); {theta.Length} were given.", nameof(theta));
        if (x.Length != inputCount)
            throw new ArgumentException($"{ansatz} takes {inputCount} data input(s); {x.Length} were given.", nameof(x));
        for (int k = 0; k < theta.Length; k++)
            if (!double.IsFinite(theta[k])) throw new ArgumentException($"{ansatz}: theta[{k}] is {theta[k].ToString(CultureInfo.InvariantCulture)}; parameters must be finite.", nameof(theta));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new ArgumentException($"{ansatz}: x[{i}] is {x[i].ToString(CultureInfo.InvariantCulture)}; data inputs must be finite.", nameof(x));
    }

    /// <summary>Checks that a data set's inputs and targets pair up, naming both counts.</summary>
    /// <param name="inputs">The data inputs.</param>
    /// <param name="targets">The targets, one per input.</param>
    /// <returns>The number of samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static int CheckPairs<TInput, TTarget>(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count != targets.Count)
            throw new ArgumentException($"The data set has {inputs.Count} input(s) but {targets.Count} target(s).", nameof(targets));
        return inputs.Count;
    }
}
