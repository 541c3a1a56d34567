using System;
using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace Classifier;

/// <summary>
/// A data re-uploading classifier on two qubits: every layer encodes the point (x0, x1) again, each angle a trained
/// scale times a coordinate plus a trained bias, then a CZ entangles the qubits. Class 1 (outside the circle) is
/// "qubit 0 reads 1": the outcomes "01" and "11" (bitstrings as Qiskit prints counts, qubit 0 last).
/// </summary>
public static partial class CircleModel
{
    public const int Layers = 4;

    [Ansatz(Qubits = 2, Parameters = 6 * Layers, Inputs = 2)]
    static void Model(CircuitBuilder c, double[] theta, double[] x)
    {
        for (int layer = 0; layer < Layers; layer++)
        {
            for (int q = 0; q < 2; q++)
            {
                int k = 6 * layer + 3 * q;
                c.RY(theta[k] * x[q] + theta[k + 1], q);       // the point uploaded again, scaled and shifted
                c.RZ(theta[k + 2] * x[1 - q], q);              // and the other coordinate, so each qubit sees both
            }
            c.CZ(0, 1);
        }
    }

    /// <summary>The binary cross-entropy of the prediction against <paramref name="label"/> (0 inside, 1 outside).</summary>
    [Cost(nameof(Model))]
    static double CrossEntropy(Measurements m, double label)
    {
        double outside = m.Probability("01") + m.Probability("11");
        return -label * Math.Log(outside) - (1 - label) * Math.Log(1 - outside);
    }

    /// <summary>The predicted probability of class 1 (outside the circle).</summary>
    [Cost(nameof(Model))]
    static double Outside(Measurements m) => m.Probability("01") + m.Probability("11");
}
