using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Interop;

/// <summary>Export → import in either dialect, and the full-unitary comparison the round-trip tests make.</summary>
internal static class QasmRoundTrip
{
    public const double Tolerance = 1e-12;

    /// <summary>OpenQASM 3 with the circuit's parameters kept as inputs, read back.</summary>
    public static Circuit Qasm3(Circuit circuit) => OpenQasmImporter.Import(OpenQasmExporter.Export(circuit)).Circuit;

    /// <summary>OpenQASM 2.0 of the bound circuit, read back and bound (it has no parameters).</summary>
    public static BoundCircuit Qasm2(BoundCircuit circuit) =>
        OpenQasmImporter.Import(OpenQasmExporter.Export(circuit, QasmVersion.Qasm2)).Circuit.Bind(Array.Empty<double>());

    /// <summary>The same operations with every angle replaced by its value at θ: a fixed circuit (a target for the overlap tests).</summary>
    public static Circuit Fixed(Circuit circuit, double[] theta)
    {
        var b = new CircuitBuilder(circuit.QubitCount);
        foreach (var op in circuit.Operations)
            b.Gate(op.Gate, op.Qubits.ToArray(), op.Angles.Select(a => Angle.Constant(a.Evaluate(theta))).ToArray());
        return b.Build();
    }

    /// <summary>OpenQASM's U(θ, φ, λ) written out from the specification.</summary>
    public static ComplexMatrix U(double theta, double phi, double lambda)
    {
        double c = Math.Cos(theta / 2), s = Math.Sin(theta / 2);
        return Reference.M(c, -Complex.FromPolarCoordinates(s, lambda), Complex.FromPolarCoordinates(s, phi), Complex.FromPolarCoordinates(c, phi + lambda));
    }

    /// <summary>The unitary on <paramref name="n"/> qubits of U on <paramref name="targets"/> when <paramref name="control"/> is 1, by the naive reference simulator.</summary>
    public static ComplexMatrix ControlledReference(int n, int control, int[] targets, ComplexMatrix u)
    {
        int d = 1 << n;
        var result = new ComplexMatrix(d, d);
        for (int c = 0; c < d; c++)
        {
            var psi = new Complex[d];
            psi[c] = 1;
            if (((c >> control) & 1) == 1) psi = Reference.ApplyGate(psi, u, targets);
            for (int r = 0; r < d; r++) result[r, c] = psi[r];
        }
        return result;
    }

    /// <summary>Entry by entry to <see cref="Tolerance"/>, the global phase included unless <paramref name="upToGlobalPhase"/>.</summary>
    public static void AssertSameUnitary(BoundCircuit expected, BoundCircuit actual, bool upToGlobalPhase = false)
    {
        var a = CircuitUnitary.Of(expected);
        var b = CircuitUnitary.Of(actual);
        Complex phase = Complex.One;
        if (upToGlobalPhase)
        {
            // The phase of the largest entry of a against the same entry of b.
            int best = 0;
            for (int i = 0; i < a.Rows * a.Columns; i++)
                if (a[i / a.Columns, i % a.Columns].Magnitude > a[best / a.Columns, best % a.Columns].Magnitude) best = i;
            Complex x = a[best / a.Columns, best % a.Columns], y = b[best / a.Columns, best % a.Columns];
            phase = x / y;
            phase /= phase.Magnitude;
        }
        double distance = ComplexMatrix.MaxDistance(a, phase * b);
        Assert.True(distance < Tolerance, $"unitaries differ by {distance:G3} (entry-wise){(upToGlobalPhase ? " after removing one global phase" : "")}");
    }
}
