using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Plans;

namespace OverlapGradients;

/// <summary>
/// The two-qubit compilation example of Urbaneja and Ho (2025): target V = CNOT(0→1)·H(0), which prepares
/// the Bell (two-qubit GHZ) state from |00⟩, ansatz U(θ1, θ2) made of RY(θ1) and RZ(θ2) on qubit 0 and one
/// CNOT(0→1), cost C = 1 - |Tr(V†U)|²/16. The text and the published figures differ in where the CNOT
/// sits, so both orders are kept, each with its closed form (derived below, pinned against the simulator
/// by tests). The circuits and the two measured costs are <see cref="PaperCircuits"/>' [Ansatz] and [Cost]
/// methods; their gradients are the generated ones.
/// </summary>
public sealed class PaperProblem
{
    private readonly Func<double, double, double> _cost;
    private readonly Func<double, double, double> _d1, _d2;

    /// <summary>A generated <c>{Cost}WithGradient</c> method.</summary>
    public delegate GradientResult GeneratedGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, DifferentiationMethod? method);

    private PaperProblem(string name, string description, Circuit ansatz, double lowestCost, double[] minimizer,
        Func<double, double, double> cost, Func<double, double, double> d1, Func<double, double, double> d2,
        GeneratedGradient hilbertSchmidt, GeneratedGradient hadamard)
    {
        Name = name;
        Description = description;
        Ansatz = ansatz;
        LowestCost = lowestCost;
        Minimizer = minimizer;
        _cost = cost;
        _d1 = d1;
        _d2 = d2;
        HilbertSchmidtGradient = hilbertSchmidt;
        HadamardGradient = hadamard;
    }

    /// <summary>V = CNOT(0→1)·H(0): |00⟩ → (|00⟩ + |11⟩)/√2.</summary>
    public static Circuit Target => PaperCircuits.BellCircuit;

    /// <summary>
    /// As the text describes it: RY(θ1), RZ(θ2) on qubit 0, then CNOT(0→1). V†U = H·RZ(θ2)·RY(θ1) ⊗ I, so
    /// Tr(V†U)/4 = -i(√2/2)(cos θ1/2 - sin θ1/2) sin θ2/2 and C = 1 - ½(1 - sin θ1) sin²(θ2/2), which reaches
    /// 0 at θ = (3π/2, π) (there U = -i·V).
    /// </summary>
    public static PaperProblem VariantA { get; } = new(
        "A", "RY(θ1), RZ(θ2) on qubit 0, then CNOT(0→1) (as the paper's text has it)",
        PaperCircuits.TextOrderCircuit, 0, new[] { 1.5 * Math.PI, Math.PI },
        (a, b) => 1 - 0.5 * (1 - Math.Sin(a)) * Sq(Math.Sin(b / 2)),
        (a, b) => 0.5 * Math.Cos(a) * Sq(Math.Sin(b / 2)),
        (a, b) => -0.25 * (1 - Math.Sin(a)) * Math.Sin(b),
        PaperCircuits.TextOrderByHilbertSchmidtWithGradient, PaperCircuits.TextOrderByHadamardWithGradient);

    /// <summary>
    /// The CNOT first: CNOT(0→1), then RY(θ1), RZ(θ2) on qubit 0. With R = RZ(θ2)·RY(θ1) on the control,
    /// CNOT(R ⊗ I)CNOT = Σ_ab R_ab |a⟩⟨b| ⊗ X^(a⊕b), so Tr(V†U) = 2(R_00 H_00 + R_11 H_11) = √2(R_00 - R_11)
    /// = -2√2 i cos(θ1/2) sin(θ2/2), and C = 1 - ¼(1 + cos θ1) sin²(θ2/2): at best ½, at θ = (0, π).
    /// </summary>
    public static PaperProblem VariantB { get; } = new(
        "B", "CNOT(0→1) first, then RY(θ1), RZ(θ2) on qubit 0",
        PaperCircuits.CnotFirstCircuit, 0.5, new[] { 0.0, Math.PI },
        (a, b) => 1 - 0.25 * (1 + Math.Cos(a)) * Sq(Math.Sin(b / 2)),
        (a, b) => 0.25 * Math.Sin(a) * Sq(Math.Sin(b / 2)),
        (a, b) => -0.125 * (1 + Math.Cos(a)) * Math.Sin(b),
        PaperCircuits.CnotFirstByHilbertSchmidtWithGradient, PaperCircuits.CnotFirstByHadamardWithGradient);

    public static PaperProblem[] Both { get; } = { VariantA, VariantB };

    public string Name { get; }
    public string Description { get; }
    public Circuit Ansatz { get; }

    /// <summary>The lowest cost the ansatz can reach (closed form), and a point where it does.</summary>
    public double LowestCost { get; }
    public double[] Minimizer { get; }

    /// <summary>C(θ) = 1 - |Tr(V†U(θ))|²/16 in closed form.</summary>
    public double Cost(ReadOnlySpan<double> theta) => _cost(theta[0], theta[1]);

    /// <summary>The generated gradient of C measured by the Hilbert-Schmidt test (two-term rule, shift π/2).</summary>
    public GeneratedGradient HilbertSchmidtGradient { get; }

    /// <summary>The generated gradient of C measured by Hadamard tests (π-shift operator rule).</summary>
    public GeneratedGradient HadamardGradient { get; }

    /// <summary>(∂C/∂θ1, ∂C/∂θ2) in closed form.</summary>
    public double[] Gradient(ReadOnlySpan<double> theta) => new[] { _d1(theta[0], theta[1]), _d2(theta[0], theta[1]) };

    public override string ToString() => $"variant {Name}: {Description}";

    private static double Sq(double x) => x * x;
}
