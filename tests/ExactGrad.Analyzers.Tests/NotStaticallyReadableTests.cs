using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class NotStaticallyReadableTests
{
    private const string Id = DiagnosticIds.NotStaticallyReadable;
    private const string RunTime = "the circuit is recorded at run time and the compile-time checks do not apply to it";

    [Fact]
    public Task An_ansatz_statement_the_generator_cannot_read_is_a_warning_at_that_statement_with_the_reason() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.RY(theta[0], 0);
                {|#0:do c.H(0); while (false);|}
            }
        """), $"'A' is not read at compile time: statement 'do c.H(0); while (false);' at line 14 is not read at compile time; {RunTime}");

    [Fact]
    public Task A_foreach_over_a_collection_known_only_at_run_time_is_a_warning_at_the_collection() => VerifyAsync(Id, InClass("""
            static int[] Qubits() => new[] { 0 };
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.RY(theta[0], 0);
                foreach (int q in {|#0:Qubits()|}) c.H(q);
            }
        """), $"'A' is not read at compile time: collection 'Qubits()' at line 15 is not known at compile time; {RunTime}");

    [Fact]
    public Task A_builder_method_outside_the_gate_table_is_a_warning_at_the_call() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => {|#0:c.Append(new CircuitBuilder(2, 1).RY(theta[0], 0).Build())|};
        """), $"'A' is not read at compile time: builder method 'Append' at line 11 is not read at compile time; {RunTime}");

    [Fact]
    public Task A_pauli_label_known_only_at_run_time_is_a_warning_at_the_label() => VerifyAsync(Id, InClass("""
            static string Label = "XY";
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.PauliRotation(theta[0], {|#0:Label|});
        """), $"'A' is not read at compile time: string 'Label' at line 12 is not known at compile time; {RunTime}");

    [Fact]
    public Task A_cost_with_a_call_the_generator_cannot_differentiate_is_a_warning_at_the_call() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => {|#0:Math.Cbrt(m.Expect("Z"))|};
        """), "'E' is not read at compile time: call 'Math.Cbrt(m.Expect(\"Z\"))' is not differentiable at compile time; no EWithGradient is generated for it");

    [Fact]
    public Task Readable_ansatz_and_cost_methods_are_fine() => VerifyNoneAsync(Id, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 2; q++) c.RY(theta[q], q);
                if (true) c.CNOT(0, 1);
                foreach (var term in new[] { "XY", "Z0 Z1" }) c.PauliRotation(theta[1], term);
            }

            [Cost(nameof(A))]
            static double E(Measurements m) { double z = m.Expect("ZZ"); return Math.Pow(z, 2) + m.Expect("XI"); }
        """));

    [Fact]
    public Task A_construct_that_is_already_an_error_and_methods_the_generator_emits_nothing_for_get_no_warning() => VerifyNoneAsync(Id, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.CNOT(0, 2); }

            [Ansatz(Qubits = 1, Parameters = 1)]
            static void B(CircuitBuilder c, System.Collections.Generic.List<double> theta) { foreach (double t in theta) c.RY(t, 0); }

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void D(CircuitBuilder c, Parameters theta) { for (int q = 0; q <= 2; q++) c.RY(theta[0], q); }
        }

        public static class NotPartial
        {
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void C(CircuitBuilder c, Parameters theta) { foreach (int q in new[] { 0 }) c.RY(theta[0], q); }
        """));
}
