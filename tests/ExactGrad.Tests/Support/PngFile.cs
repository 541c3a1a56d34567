using System;
using System.Buffers.Binary;
using System.Linq;

namespace ExactGrad.Tests.Support;

/// <summary>Checks a PNG file's signature and reads the image size from its header chunk (IHDR).</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>The width and height of the PNG image; throws when the bytes are not a PNG.</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
            throw new FormatException($"Not a PNG file: {bytes.Length} bytes starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}.");
        if (System.Text.Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR") throw new FormatException("The PNG file does not start with its IHDR chunk.");
        // The last chunk is IEND: a truncated file is not a valid PNG.
        if (System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4) != "IEND") throw new FormatException("The PNG file does not end with IEND (truncated?).");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
