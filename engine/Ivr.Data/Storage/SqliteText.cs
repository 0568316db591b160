using System.Buffers;
using System.Text;
using SQLitePCL;

namespace Ivr.Data;

/// <summary>Text bound to a SQLite statement from a stack or pooled UTF-8 buffer (SQLite copies it: SQLITE_TRANSIENT), where
/// SQLitePCL's <c>string</c> overload allocates a new byte array for every value.</summary>
internal static class SqliteText
{
    private const int StackText = 512; // bytes of UTF-8 encoded on the stack; longer text in a pooled buffer

    public static int Bind(sqlite3_stmt statement, int position, ReadOnlySpan<char> text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed <= StackText)
        {
            Span<byte> buffer = stackalloc byte[StackText];
            return raw.sqlite3_bind_text(statement, position, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        var pooled = ArrayPool<byte>.Shared.Rent(needed);
        try
        {
            return raw.sqlite3_bind_text(statement, position, pooled.AsSpan(0, Encoding.UTF8.GetBytes(text, pooled)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }
}
