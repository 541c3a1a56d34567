using System;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Interop;
using ExactGrad.Numerics;
using Xunit;

namespace ExactGrad.Tests.Interop;

public class OpenQasmErrorTests
{
    private const string Head = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\n";

    [Theory]
    [InlineData(Head + "foo q[0];", 4, 1, "unknown or unsupported gate \"foo\"")]
    [InlineData(Head + "h q[2];", 4, 5, "out of range")]
    [InlineData(Head + "rx(0.1 q[0];", 4, 8, "expected \")\"")]
    [InlineData(Head + "rx(theta) q[0];", 4, 4, "\"theta\" is not a declared input parameter")]
    [InlineData(Head + "h q[0]", 4, 7, "expected \";\"")]
    [InlineData(Head + "cx q[0];", 4, 4, "acts on 2 qubit(s); 1 given")]
    [InlineData(Head + "qubit[3] r;\ncx q, r;", 5, 7, "registers of different sizes")]
    [InlineData(Head + "cx q[0], q[0];", 4, 1, "appears twice")]
    [InlineData(Head + "bit[1] c;\nc[0] = measure q[0];\nx q[0];", 6, 1, "used after it was measured")]
    [InlineData(Head + "input float[64] a;\ninput float[64] b;\nrx(a*b) q[0];", 6, 5, "product of two parameters")]
    [InlineData(Head + "input float[64] a;\ninput float[64] b;\nrx(a+b) q[0];", 6, 5, "one parameter only")]
    [InlineData(Head + "rx(0.1) q[0]; $", 4, 15, "unexpected character '$'")]
    [InlineData("OPENQASM 4;", 1, 10, "unsupported OpenQASM version")]
    [InlineData("OPENQASM 3;\ninclude \"mygates.inc\";", 2, 9, "only stdgates.inc and qelib1.inc")]
    [InlineData(Head + "opaque g a;", 4, 1, "\"opaque\" is not supported")]
    [InlineData(Head + "input int[32] n;", 4, 7, "input of type \"int\"")]
    [InlineData("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqubit[2] q;", 3, 1, "\"qubit\" is OpenQASM 3")]
    [InlineData("OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\nc[0] = measure q[0];", 4, 1, "2.0 writes \"measure qubit -> bit\"")]
    [InlineData(Head + "gate g a {\n  h a;\n  g a;\n}", 6, 3, "gate \"g\" calls itself; OpenQASM gates cannot be recursive")]
    [InlineData(Head + "gate outer a {\n  inner a;\n}\ngate inner a { x a; }", 5, 3, "unknown or unsupported gate \"inner\" in the body of gate \"outer\"; a gate must be defined before it is used")]
    [InlineData(Head + "gate h a { U(pi/2, 0, pi) a; }", 4, 6, "gate \"h\" is already declared by the included standard library")]
    [InlineData(Head + "gate U(a, b, c) x { }", 4, 6, "redefines a builtin")]
    [InlineData(Head + "gate g a { x a; }\ngate g a { y a; }", 5, 6, "gate \"g\" is declared twice")]
    [InlineData(Head + "gate g a, b { cx a[0], b; }", 4, 19, "cannot be indexed")]
    [InlineData(Head + "gate g a { x q; }", 4, 14, "\"q\" is not a qubit argument of gate \"g\"")]
    [InlineData(Head + "gate g a { x $0; }", 4, 14, "\"$0\" is not a qubit argument of gate \"g\"")]
    [InlineData(Head + "gate g a { measure a; }", 4, 12, "\"measure\" cannot appear in the body of gate \"g\"")]
    [InlineData(Head + "gate g(t) a { rx(t*t) a; }\ninput float[64] a;\ng(a) q[0];", 4, 19, "product of two parameters is not an affine angle (in gate \"g\" called at line 6, column 1)")]
    [InlineData(Head + "gate g a, b { cx a, a; }", 4, 15, "qubit argument \"a\" appears twice")]
    [InlineData(Head + "pow(0.5) @ x q[0];", 4, 1, "pow(0.5) @ is not supported")]
    [InlineData(Head + "ctrl(2) @ x q[0], q[1];", 4, 13, "with its modifiers acts on 3 qubit(s); 2 given")]
    [InlineData(Head + "reset q[0];", 4, 1, "\"reset\" is not supported")]
    [InlineData(Head + "x $0;", 4, 3, "physical qubit $0 is used in a program that declares qubit register \"q\"")]
    [InlineData("OPENQASM 3.0;\nx $1;\nqubit[2] q;", 3, 1, "a qubit register is declared after physical qubit $1 was used (line 2, column 3)")]
    [InlineData("OPENQASM 3.0;\nqubit $0;", 2, 7, "physical qubits are used without a declaration")]
    [InlineData("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nctrl @ x q[0];", 4, 1, "modifier \"ctrl @\" is OpenQASM 3")]
    public void Malformed_or_unsupported_input_is_reported_at_its_line_and_column(string text, int line, int column, string message)
    {
        var e = Assert.Throws<QasmFormatException>(() => OpenQasmImporter.Import(text));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"line {line}, column {column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_gate_cannot_be_exported_and_the_error_names_it()
    {
        var g = GateCatalog.Custom("MyGate", new ComplexMatrix(new System.Numerics.Complex[,] { { 1, 0.5 }, { 0.5, -1 } }));
        var b = new CircuitBuilder(1, 1);
        b.Gate(g, new[] { 0 }, new[] { b.Parameters[0] });
        var e = Assert.Throws<NotSupportedException>(() => OpenQasmExporter.Export(b.Build()));
        Assert.Contains("Gate MyGate has no OpenQASM 3 decomposition", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_parameters_cannot_be_written_as_qasm2()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        var e = Assert.Throws<ArgumentException>(() => OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm2));
        Assert.Contains("OpenQASM 2.0 has no input parameters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_unknown_parameter_values_are_named()
    {
        var p = OpenQasmImporter.Import(Head + "input float[64] a;\nrx(a) q[0];");
        Assert.Contains("\"a\"", Assert.Throws<ArgumentException>(() => p.ParameterVector(new System.Collections.Generic.Dictionary<string, double>())).Message, StringComparison.Ordinal);
        Assert.Contains("\"zz\"", Assert.Throws<ArgumentException>(() => p.ParameterVector(new System.Collections.Generic.Dictionary<string, double> { ["a"] = 1, ["zz"] = 2 })).Message, StringComparison.Ordinal);
    }
}
