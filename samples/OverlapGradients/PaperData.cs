namespace OverlapGradients;

/// <summary>What is known about which gate order the paper's published figure data used.</summary>
public static class PaperData
{
    public const string Statement =
        "Which variant is the paper's? The text describes variant A (RY, RZ, then CNOT). The data published with the\n" +
        "figures is reported to match variant B (CNOT first), so B is the default (--variant A or both for the other).\n" +
        "Not confirmed here: the authors' scripts build the ansatz with ghz_ansatz from a module they do not publish,\n" +
        "and their data (.pkl) and figures (.pdf/.png) are binary and could not be read. To tell them apart on the figure: at θ2 = π,\n" +
        "dC/dθ1 is ½ cos θ1 in A (amplitude 0.5) and ¼ sin θ1 in B (amplitude 0.25, zero at θ1 = 0); at θ1 = 1,\n" +
        "dC/dθ2 is -0.0396 sin θ2 in A and -0.1925 sin θ2 in B. A reaches cost 0, B at best 0.5.";
}
