using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class NotCompiledTests
{
    private const string Id = DiagnosticIds.NotCompiled;

    [Fact]
    public Task Ansatz_methods_with_a_signature_the_generator_skips_are_warnings_at_the_attribute() => VerifyAsync(Id, InClass("""
            [{|#0:Ansatz(Qubits = 1)|}]
            static int Returns(CircuitBuilder c, Parameters theta) => 0;

            [{|#1:Ansatz(Qubits = 1)|}]
            void Instance(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [{|#2:Ansatz|}]
            static void NoQubits(CircuitBuilder c, Parameters theta) => c.H(0);
        """).Replace("public static partial class Q", "public partial class Q"),
        "ExactGrad generates nothing for 'Returns': an [Ansatz] method must be 'static void M(CircuitBuilder c, Parameters theta)', 'static void M(CircuitBuilder c, double[] theta[, double[] x])' or, for a fixed target, 'static void M(CircuitBuilder c)'",
        "ExactGrad generates nothing for 'Instance': an [Ansatz] method must be 'static void M(CircuitBuilder c, Parameters theta)', 'static void M(CircuitBuilder c, double[] theta[, double[] x])' or, for a fixed target, 'static void M(CircuitBuilder c)' (it is not static)",
        "ExactGrad generates nothing for 'NoQubits': the attribute must give Qubits (at least 1)");

    [Fact]
    public Task A_cost_parameter_named_like_a_generated_local_is_a_warning_naming_it() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [{|#0:Cost(nameof(A))|}]
            static double Loss(Measurements m, double value) => m.Expect("Z") - value;

            [Cost(nameof(A))]
            static double Fine(Measurements m, double label) => m.Expect("Z") - label;
        """), "ExactGrad generates nothing for 'Loss': its parameter 'value' has a name the generated methods use themselves; rename it");

    [Fact]
    public Task Costs_naming_no_compiled_ansatz_or_in_a_type_that_is_not_partial_are_warnings() => VerifyAsync(Id, TestUsings + """
        public static partial class Q
        {
            static void Plain(CircuitBuilder c, Parameters theta) => c.H(0);

            [{|#0:Cost(nameof(Plain))|}]
            static double E(Measurements m) => m.Expect("Z");
        }

        public static class Sealed
        {
            [{|#1:Ansatz(Qubits = 1, Parameters = 1)|}]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [{|#2:Cost(nameof(A))|}]
            static double E(Measurements m) => m.Expect("Z");
        }
        """,
        "ExactGrad generates nothing for 'E': 'Plain' is not an [Ansatz] method of Q that ExactGrad compiles",
        "ExactGrad generates nothing for 'A': its containing type 'Sealed' must be partial",
        "ExactGrad generates nothing for 'E': its containing type 'Sealed' must be partial");

    [Fact]
    public Task Supported_methods_in_nested_partial_types_are_fine() => VerifyNoneAsync(Id, TestUsings + """
        public static partial class Outer
        {
            public partial record Inner
            {
                [Ansatz(Qubits = 2, Parameters = 1)]
                static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1);

                [Cost(nameof(A))]
                static double E(Measurements m) => m.Expect("ZZ");
            }
        }
        """);

    [Fact]
    public Task Methods_without_ExactGrad_attributes_are_not_looked_at() => VerifyNoneAsync(Id, InClass("""
            [System.Obsolete]
            static int Returns(CircuitBuilder c, Parameters theta) => 0;

            static double E(Measurements m) => m.Expect("Z");
        """));

    private const string TestUsings = Support.TestCompilation.Usings;
}
