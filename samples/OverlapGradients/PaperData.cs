namespace OverlapGradients;

/// <summary>What is known about which gate order the paper's published figure data used.</summary>
public static class PaperData
{
    public const string Statement =
        "Which variant is the paper's? The text describes variant A (RY, RZ, then CNOT); the published figures show variant B\n" +
        "(CNOT first), so B is the default (--variant A or both for the other). Checked against the PNG files published with the\n" +
        "paper's data: Fig. 4(a) is zero at θ1 = 0 and peaks at +0.25 near θ1 = π/2 (B: ¼ sin θ1; A would be ½ cos θ1, 0.5 at\n" +
        "θ1 = 0); Fig. 4(b) has its minimum, -0.19, near θ2 = π/2 (B: -0.1925 sin θ2; A: -0.0396 sin θ2); the two-point\n" +
        "differences at step 1 sit at sin 1 = 0.84 of the exact curve (0.21 at the peak of 4(a)). A reaches cost 0, B at best 0.5.";
}
