using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ExactGrad.Circuits;

/// <summary>
/// Draws a circuit as text, one line per qubit, gates packed into columns:
/// <code>
/// q0: ─RY(θ0)──●──────────
/// q1: ─RY(θ1)──X──RZ(2·θ2+0.1)─
/// </code>
/// Controls are ●, a multi-qubit gate that is not controlled shows its name on each of its qubits, and
/// │ marks qubits a gate spans without touching. The circuit's parameters are named θ, or φ for the gate
/// angles of a derived circuit (<see cref="Differentiation.DerivedCircuit.Draw"/>).
/// </summary>
internal static class CircuitDrawer
{
    public static string Draw(Circuit circuit, string symbol = "θ")
    {
        int n = circuit.QubitCount;
        var columns = new List<string?[]>();
        var nextFree = new int[n]; // first column where each qubit is free
        foreach (var op in circuit.Operations)
        {
            int lo = op.Qubits.Min(), hi = op.Qubits.Max();
            int col = 0;
            for (int q = lo; q <= hi; q++) col = Math.Max(col, nextFree[q]);
            while (columns.Count <= col) columns.Add(new string?[n]);
            var cells = columns[col];
            string label = Label(op, symbol);
            for (int q = lo; q <= hi; q++) cells[q] = "│";
            for (int j = 0; j < op.Qubits.Count; j++)
                cells[op.Qubits[j]] = j < op.Gate.ControlCount ? "●" : label;
            for (int q = lo; q <= hi; q++) nextFree[q] = col + 1;
        }

        var lines = new StringBuilder[n];
        int width = (n - 1).ToString(CultureInfo.InvariantCulture).Length;
        for (int q = 0; q < n; q++)
            lines[q] = new StringBuilder("q" + q.ToString(CultureInfo.InvariantCulture).PadRight(width) + ": ─");
        foreach (var cells in columns)
        {
            int w = cells.Max(c => c?.Length ?? 0);
            for (int q = 0; q < n; q++)
            {
                string c = cells[q] ?? "";
                int left = (w - c.Length) / 2;
                lines[q].Append('─', left).Append(c).Append('─', w - c.Length - left).Append("──");
            }
        }
        return string.Join(Environment.NewLine, lines.Select(l => l.ToString())) + Environment.NewLine;
    }

    private static string Label(Operation op, string symbol)
    {
        string name = op.Gate.ControlCount > 0 && op.Gate.Name.StartsWith('C') ? op.Gate.Name[op.Gate.ControlCount..] : op.Gate.Name;
        if (op.Gate.ControlCount > 0 && name.Length == 0) name = op.Gate.Name;
        if (op.Gate.Name == "CNOT") name = "X";
        if (op.Gate.Name == "SWAP") return "x";
        return op.Angles.Count == 0 ? name : name + "(" + string.Join(",", op.Angles.Select(a => a.ToString(symbol))) + ")";
    }
}
