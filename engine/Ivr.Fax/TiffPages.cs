using System.Buffers.Binary;

namespace Ivr.Fax;

/// <summary>One page of a TIFF file as its directory describes it.</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Length">Rows.</param>
/// <param name="XResolution">Dots per inch across (0 when absent).</param>
/// <param name="YResolution">Dots per inch down (0 when absent).</param>
/// <param name="Compression">TIFF compression tag: 1 none, 3 T.4 (G3), 4 T.6 (G4).</param>
public readonly record struct TiffPage(int Width, int Length, double XResolution, double YResolution, int Compression);

/// <summary>
/// Reads the page directories (IFDs) of a TIFF file (TIFF 6.0 §2), both byte orders, without decoding
/// the image: enough to count pages and check a fax document's size and resolution.
/// </summary>
public static class TiffPages
{
    private const int TagWidth = 256, TagLength = 257, TagCompression = 259, TagXResolution = 282, TagYResolution = 283, TagResolutionUnit = 296;

    public static int Count(string path) => Read(path).Count;

    /// <exception cref="InvalidDataException">Not a TIFF file, or a broken directory chain.</exception>
    public static IReadOnlyList<TiffPage> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 8) throw new InvalidDataException($"{path}: too short for a TIFF file");
        var little = data[0] == (byte)'I' && data[1] == (byte)'I';
        if (!little && !(data[0] == (byte)'M' && data[1] == (byte)'M')) throw new InvalidDataException($"{path}: not a TIFF file (no II/MM byte order)");
        var reader = new Reader(data, little, path);
        if (reader.U16(2) != 42) throw new InvalidDataException($"{path}: not a TIFF file (magic is not 42)");

        var pages = new List<TiffPage>();
        var seen = new HashSet<long>();
        long offset = reader.U32(4);
        while (offset != 0)
        {
            if (!seen.Add(offset) || pages.Count > 10_000) throw new InvalidDataException($"{path}: the directory chain loops");
            pages.Add(ReadPage(reader, (int)offset, out offset));
        }

        return pages;
    }

    private static TiffPage ReadPage(Reader reader, int offset, out long next)
    {
        int count = reader.U16(offset);
        int width = 0, length = 0, compression = 1, unit = 2;
        double x = 0, y = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = offset + 2 + (i * 12);
            int tag = reader.U16(entry);
            int type = reader.U16(entry + 2);
            switch (tag)
            {
                case TagWidth: width = reader.Scalar(entry, type); break;
                case TagLength: length = reader.Scalar(entry, type); break;
                case TagCompression: compression = reader.Scalar(entry, type); break;
                case TagResolutionUnit: unit = reader.Scalar(entry, type); break;
                case TagXResolution: x = reader.Rational(entry); break;
                case TagYResolution: y = reader.Rational(entry); break;
            }
        }

        next = reader.U32(offset + 2 + (count * 12));
        var perInch = unit == 3 ? 2.54 : 1.0; // 3 = centimetre
        return new TiffPage(width, length, x * perInch, y * perInch, compression);
    }

    private readonly struct Reader(byte[] data, bool little, string path)
    {
        public ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(Slice(at, 2));

        public uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(Slice(at, 4));

        /// <summary>A SHORT (3) or LONG (4) value held in the entry itself.</summary>
        public int Scalar(int entry, int type) => type == 3 ? U16(entry + 8) : (int)U32(entry + 8);

        public double Rational(int entry)
        {
            var at = (int)U32(entry + 8);
            var denominator = U32(at + 4);
            return denominator == 0 ? 0 : (double)U32(at) / denominator;
        }

        private ReadOnlySpan<byte> Slice(int at, int length) =>
            at >= 0 && at + length <= data.Length ? data.AsSpan(at, length) : throw new InvalidDataException($"{path}: a TIFF offset points past the end of the file");
    }
}
