using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Gates.Facts;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using Xunit;

namespace ExactGrad.Tests.Gates;

/// <summary>
/// The shared gate facts, row by row, against what the runtime's matrices, builder, exporter and importer do.
/// The generator and the analyzers compile the same table, so these checks hold for the compile-time side too.
/// </summary>
public class GateFactsTests
{
    public static TheoryData<string> Gates()
    {
        var data = new TheoryData<string>();
        foreach (var fact in GateFacts.All) data.Add(fact.Name);
        return data;
    }

    private static GateFact Fact(string name) => GateFacts.All.Single(f => f.Name == name);

    private static Gate Catalog(string name) => GateCatalog.All.Single(g => g.Name == name);

    [Fact]
    public void The_catalog_is_built_from_the_table_row_by_row_in_its_order()
    {
        Assert.Equal(GateFacts.All.Select(f => f.Name), GateCatalog.All.Select(g => g.Name));
        foreach (var (fact, gate) in GateFacts.All.Zip(GateCatalog.All))
        {
            Assert.Same(fact, gate.Fact);
            Assert.Equal(fact.Qubits, gate.QubitCount);
            Assert.Equal(fact.Angles.Count, gate.ParameterCount);
            Assert.Equal(fact.Controls, gate.ControlCount);
        }
    }

    [Fact]
    public void Every_catalog_method_of_the_builder_is_a_table_row_that_appends_that_gate_with_its_angles_and_qubits()
    {
        var methods = typeof(CircuitBuilder).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == typeof(CircuitBuilder) && m.GetParameters().All(p => p.ParameterType == typeof(int) || p.ParameterType == typeof(Angle)))
            .ToDictionary(m => m.Name);
        Assert.Equal(methods.Keys.Except(new[] { "Append", "PauliRotation", "Gate" }).OrderBy(n => n, StringComparer.Ordinal),
            GateFacts.ByMethod.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (name, fact) in GateFacts.ByMethod)
        {
            var parameters = methods[name].GetParameters();
            Assert.Equal(fact.Angles.Count, parameters.Count(p => p.ParameterType == typeof(Angle)));
            Assert.Equal(fact.Qubits, parameters.Count(p => p.ParameterType == typeof(int)));
            var builder = new CircuitBuilder(fact.Qubits);
            var arguments = parameters.Select((p, i) => p.ParameterType == typeof(Angle) ? (object)Angle.Constant(0.1 * (i + 1)) : i - fact.Angles.Count).ToArray();
            methods[name].Invoke(builder, arguments);
            Assert.Equal(fact.Name, builder.Build().Operations.Single().Gate.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Gates))]
    public void Each_angles_shift_rule_from_the_table_reproduces_the_exact_derivative_of_an_expectation(string name)
    {
        var fact = Fact(name);
        var gate = Catalog(name);
        var random = new Random(7);
        int d = gate.Dimension;
        var psi = RandomState(d, random);
        var observable = RandomHermitian(d, random);
        for (int slot = 0; slot < fact.Angles.Count; slot++)
        {
            var angles = Enumerable.Range(0, fact.Angles.Count).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            double E(double x)
            {
                var shifted = (double[])angles.Clone();
                shifted[slot] = x;
                var u = gate.Matrix(shifted);
                return Expectation(psi, u.Adjoint() * observable * u);
            }
            var rule = fact.Angles[slot].Rule;
            double fromRule = 0;
            for (int t = 0; t < rule.Evaluations; t++) fromRule += rule.Coefficients[t] * E(angles[slot] + rule.Shifts[t]);

            // dE/dx = 2 Re ⟨ψ|U† O ∂U|ψ⟩, from the runtime's exact derivative matrix.
            var u0 = gate.Matrix(angles);
            double exact = 2 * Apply(psi, u0.Adjoint() * observable * gate.Derivative(slot, angles)).Real;
            Assert.True(Math.Abs(fromRule - exact) < 1e-10, $"{name} angle {slot}: rule {fromRule}, exact {exact}");

            // The runtime's parameter-shift plan uses the same terms, derived from the same spectrum.
            var runtime = ShiftRule.ForSpectrum(gate.GeneratorSpectrum(slot)).Terms;
            Assert.Equal(rule.Shifts, runtime.Select(term => term.Shift));
            Assert.Equal(rule.Coefficients, runtime.Select(term => term.Coefficient));
            Assert.Equal(fact.Angles[slot].Eigenvalues, gate.GeneratorSpectrum(slot).Eigenvalues);
        }
    }

    [Theory]
    [MemberData(nameof(Gates))]
    public void The_operator_rule_is_marked_exactly_on_the_angles_where_half_U_at_x_plus_pi_is_the_derivative(string name)
    {
        var fact = Fact(name);
        var gate = Catalog(name);
        var angles = Enumerable.Range(0, fact.Angles.Count).Select(i => 0.4 + 0.7 * i).ToArray();
        for (int slot = 0; slot < fact.Angles.Count; slot++)
        {
            var shifted = (double[])angles.Clone();
            shifted[slot] += Math.PI;
            bool holds = ComplexMatrix.MaxDistance(new Complex(0.5, 0) * gate.Matrix(shifted), gate.Derivative(slot, angles)) < 1e-12;
            Assert.True(holds == fact.Angles[slot].OperatorRule, $"{name} angle {slot}: ½U(x+π) = ∂U is {holds}, the table says {fact.Angles[slot].OperatorRule}");
        }
        Assert.Equal(fact.Angles.Count > 0 && fact.Angles.All(a => a.OperatorRule), fact.OperatorRule);
    }

    [Theory]
    [MemberData(nameof(Gates))]
    public void Each_dialects_statement_is_what_the_exporter_writes_and_the_importer_reads_back(string name)
    {
        var fact = Fact(name);
        var gate = Catalog(name);
        var builder = new CircuitBuilder(fact.Qubits);
        builder.Gate(gate, Enumerable.Range(0, fact.Qubits).ToArray(), Enumerable.Range(0, fact.Angles.Count).Select(i => Angle.Constant(0.25 * (i + 1))).ToArray());
        var circuit = builder.Build();
        foreach (var version in new[] { QasmVersion.Qasm3, QasmVersion.Qasm2 })
        {
            string text = OpenQasmExporter.Export(circuit, version);
            var statements = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => !l.StartsWith("OPENQASM", StringComparison.Ordinal) && !l.StartsWith("include", StringComparison.Ordinal)
                            && !l.StartsWith("qubit", StringComparison.Ordinal) && !l.StartsWith("qreg", StringComparison.Ordinal)).ToList();
            if (fact.Qasm(version == QasmVersion.Qasm2 ? 2 : 3) is { } statement)
            {
                Assert.Single(statements);
                Assert.Matches("^" + statement + "[ (]", statements[0]);
                Assert.Same(gate, OpenQasmImporter.Import(text).Circuit.Operations.Single().Gate);
            }
            else Assert.True(statements.Count > 1, $"{name} has no {version} statement of its own, so the exporter decomposes it; it wrote:\n{text}");
        }
    }

    private static Complex[] RandomState(int d, Random random)
    {
        var psi = Enumerable.Range(0, d).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        double norm = Math.Sqrt(psi.Sum(c => c.Magnitude * c.Magnitude));
        return psi.Select(c => c / norm).ToArray();
    }

    private static ComplexMatrix RandomHermitian(int d, Random random)
    {
        var a = new ComplexMatrix(d, d);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                a[r, c] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        return a + a.Adjoint();
    }

    /// <summary>⟨ψ|M|ψ⟩.</summary>
    private static Complex Apply(Complex[] psi, ComplexMatrix m)
    {
        Complex sum = Complex.Zero;
        for (int r = 0; r < psi.Length; r++)
            for (int c = 0; c < psi.Length; c++)
                sum += Complex.Conjugate(psi[r]) * m[r, c] * psi[c];
        return sum;
    }

    private static double Expectation(Complex[] psi, ComplexMatrix hermitian) => Apply(psi, hermitian).Real;
}
