using System.Buffers.Binary;
using System.Diagnostics;

namespace Ivr.Fax.Tests.Support;

/// <summary>
/// The pixels of each page of a bilevel TIFF (1 = black), decoded by libtiff's <c>tiffcp -c none</c>
/// and read from the uncompressed strips. For comparing a received fax with its source.
/// </summary>
public sealed class TiffBitmap
{
    private TiffBitmap(int width, int length, byte[] rows)
    {
        Width = width;
        Length = length;
        Rows = rows;
    }

    public int Width { get; }

    public int Length { get; }

    /// <summary>Packed rows, most significant bit first, black = 1.</summary>
    public byte[] Rows { get; }

    public int Stride => (Width + 7) / 8;

    public long BlackPixels => Rows.Sum(b => (long)System.Numerics.BitOperations.PopCount(b));

    /// <summary>Pixels that differ over the rows both pages have, as a fraction of the black pixels of this page.</summary>
    public double DifferenceFrom(TiffBitmap other)
    {
        if (other.Width != Width) return 1;
        var rows = Math.Min(Length, other.Length);
        long differ = 0;
        for (var i = 0; i < rows * Stride; i++) differ += System.Numerics.BitOperations.PopCount((uint)(Rows[i] ^ other.Rows[i]));
        return (double)differ / Math.Max(1, BlackPixels);
    }

    public static IReadOnlyList<TiffBitmap> ReadPages(string path)
    {
        var plain = Path.Combine(Path.GetTempPath(), $"ivr-fax-plain-{Guid.NewGuid():N}.tif");
        try
        {
            var tiffcp = Process.Start(new ProcessStartInfo("tiffcp", ["-c", "none", path, plain]) { RedirectStandardError = true })!;
            var error = tiffcp.StandardError.ReadToEnd();
            tiffcp.WaitForExit();
            Assert.True(tiffcp.ExitCode == 0, $"tiffcp failed: {error}");
            return Parse(File.ReadAllBytes(plain));
        }
        finally
        {
            File.Delete(plain);
        }
    }

    private static List<TiffBitmap> Parse(byte[] data)
    {
        var little = data[0] == (byte)'I';
        uint U32(long at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at));
        ushort U16(long at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((int)at)) : BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan((int)at));
        uint[] Values(long entry)
        {
            var type = U16(entry + 2);
            var count = (int)U32(entry + 4);
            var size = type == 3 ? 2 : 4;
            var at = count * size <= 4 ? entry + 8 : U32(entry + 8);
            return Enumerable.Range(0, count).Select(i => size == 2 ? U16(at + (i * 2)) : U32(at + (i * 4))).ToArray();
        }

        var pages = new List<TiffBitmap>();
        long offset = U32(4);
        while (offset != 0)
        {
            int count = U16(offset);
            int width = 0, length = 0, photometric = 0, fillOrder = 1;
            uint[] offsets = [], counts = [];
            for (var i = 0; i < count; i++)
            {
                var entry = offset + 2 + (i * 12);
                switch (U16(entry))
                {
                    case 256: width = (int)Values(entry)[0]; break;
                    case 257: length = (int)Values(entry)[0]; break;
                    case 262: photometric = (int)Values(entry)[0]; break;
                    case 266: fillOrder = (int)Values(entry)[0]; break;
                    case 273: offsets = Values(entry); break;
                    case 279: counts = Values(entry); break;
                }
            }

            var rows = new byte[((width + 7) / 8) * length];
            var filled = 0;
            for (var s = 0; s < offsets.Length && filled < rows.Length; s++)
            {
                var take = (int)Math.Min(counts[s], rows.Length - filled);
                data.AsSpan((int)offsets[s], take).CopyTo(rows.AsSpan(filled));
                filled += take;
            }

            for (var i = 0; i < rows.Length; i++)
            {
                var b = rows[i];
                if (fillOrder == 2) b = Reverse(b);
                if (photometric == 1) b = (byte)~b; // min-is-black: invert so that 1 = black
                rows[i] = b;
            }

            pages.Add(new TiffBitmap(width, length, rows));
            offset = U32(offset + 2 + (count * 12));
        }

        return pages;
    }

    private static byte Reverse(byte b)
    {
        var r = 0;
        for (var i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
        return (byte)r;
    }
}
