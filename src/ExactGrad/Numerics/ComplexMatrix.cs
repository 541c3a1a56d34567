using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ExactGrad.Numerics;

/// <summary>A small dense complex matrix, row-major. Used for gate matrices and test unitaries, never in hot loops.</summary>
public sealed class ComplexMatrix
{
    private readonly Complex[] _data;

    /// <summary>A zero matrix of <paramref name="rows"/> × <paramref name="columns"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is less than 1.</exception>
    public ComplexMatrix(int rows, int columns)
    {
        if (rows <= 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A matrix needs at least one row.");
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A matrix needs at least one column.");
        Rows = rows;
        Columns = columns;
        _data = new Complex[rows * columns];
    }

    /// <summary>A matrix copied from <paramref name="values"/>, where <c>values[r, c]</c> is the entry in row r, column c.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> has no rows or no columns.</exception>
    public ComplexMatrix(Complex[,] values) : this(values.GetLength(0), values.GetLength(1))
    {
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
                _data[r * Columns + c] = values[r, c];
    }

    internal ComplexMatrix(int dimension, ReadOnlySpan<Complex> rowMajor) : this(dimension, dimension)
    {
        rowMajor.CopyTo(_data);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The entry in row <paramref name="row"/>, column <paramref name="column"/> (both 0-based). For a gate matrix the row is the output basis index and the column the input one, with local qubit 0 as the least significant bit.</summary>
    public Complex this[int row, int column]
    {
        get => _data[row * Columns + column];
        set => _data[row * Columns + column] = value;
    }

    internal ReadOnlySpan<Complex> AsSpan() => _data;

    /// <summary>The <paramref name="dimension"/> × <paramref name="dimension"/> identity matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1.</exception>
    public static ComplexMatrix Identity(int dimension)
    {
        var m = new ComplexMatrix(dimension, dimension);
        for (int i = 0; i < dimension; i++) m[i, i] = Complex.One;
        return m;
    }

    /// <summary>The matrix product a·b (apply b first, then a).</summary>
    /// <exception cref="ArgumentException">The column count of <paramref name="a"/> differs from the row count of <paramref name="b"/>.</exception>
    public static ComplexMatrix operator *(ComplexMatrix a, ComplexMatrix b)
    {
        if (a.Columns != b.Rows)
            throw new ArgumentException($"Cannot multiply a {a.Rows}x{a.Columns} matrix by a {b.Rows}x{b.Columns} matrix.");
        var m = new ComplexMatrix(a.Rows, b.Columns);
        for (int i = 0; i < a.Rows; i++)
            for (int k = 0; k < a.Columns; k++)
            {
                Complex aik = a[i, k];
                if (aik == Complex.Zero) continue;
                for (int j = 0; j < b.Columns; j++) m._data[i * m.Columns + j] += aik * b[k, j];
            }
        return m;
    }

    /// <summary>The matrix <paramref name="a"/> with every entry multiplied by <paramref name="s"/>.</summary>
    public static ComplexMatrix operator *(Complex s, ComplexMatrix a)
    {
        var m = new ComplexMatrix(a.Rows, a.Columns);
        for (int i = 0; i < a._data.Length; i++) m._data[i] = s * a._data[i];
        return m;
    }

    /// <summary>The entry-wise sum a + b.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static ComplexMatrix operator +(ComplexMatrix a, ComplexMatrix b)
    {
        RequireSameShape(a, b);
        var m = new ComplexMatrix(a.Rows, a.Columns);
        for (int i = 0; i < a._data.Length; i++) m._data[i] = a._data[i] + b._data[i];
        return m;
    }

    /// <summary>The entry-wise difference a − b.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static ComplexMatrix operator -(ComplexMatrix a, ComplexMatrix b) => a + (-Complex.One) * b;

    /// <summary>Conjugate transpose.</summary>
    public ComplexMatrix Adjoint()
    {
        var m = new ComplexMatrix(Columns, Rows);
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
                m[c, r] = Complex.Conjugate(this[r, c]);
        return m;
    }

    /// <summary>Kronecker product a ⊗ b: with qubit 0 as the least significant bit, b acts on the lower qubits.</summary>
    public static ComplexMatrix Kron(ComplexMatrix a, ComplexMatrix b)
    {
        var m = new ComplexMatrix(a.Rows * b.Rows, a.Columns * b.Columns);
        for (int ar = 0; ar < a.Rows; ar++)
            for (int ac = 0; ac < a.Columns; ac++)
                for (int br = 0; br < b.Rows; br++)
                    for (int bc = 0; bc < b.Columns; bc++)
                        m[ar * b.Rows + br, ac * b.Columns + bc] = a[ar, ac] * b[br, bc];
        return m;
    }

    /// <summary>The sum of the diagonal entries (over the leading square block when the matrix is not square).</summary>
    public Complex Trace()
    {
        Complex t = Complex.Zero;
        for (int i = 0; i < Math.Min(Rows, Columns); i++) t += this[i, i];
        return t;
    }

    /// <summary>Largest entry-wise distance |a_ij - b_ij|.</summary>
    public static double MaxDistance(ComplexMatrix a, ComplexMatrix b)
    {
        RequireSameShape(a, b);
        double d = 0;
        for (int i = 0; i < a._data.Length; i++) d = Math.Max(d, Complex.Abs(a._data[i] - b._data[i]));
        return d;
    }

    /// <summary>The entries row by row, one bracketed line per row, each as <c>re ± im i</c> with 6 significant digits.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int r = 0; r < Rows; r++)
        {
            sb.Append('[');
            for (int c = 0; c < Columns; c++)
            {
                if (c > 0) sb.Append(", ");
                Complex z = this[r, c];
                sb.Append(z.Real.ToString("G6", CultureInfo.InvariantCulture));
                sb.Append(z.Imaginary < 0 ? " - " : " + ");
                sb.Append(Math.Abs(z.Imaginary).ToString("G6", CultureInfo.InvariantCulture)).Append('i');
            }
            sb.AppendLine("]");
        }
        return sb.ToString();
    }

    private static void RequireSameShape(ComplexMatrix a, ComplexMatrix b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
            throw new ArgumentException($"Shapes differ: {a.Rows}x{a.Columns} and {b.Rows}x{b.Columns}.");
    }
}
