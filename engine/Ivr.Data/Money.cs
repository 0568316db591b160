using System.Globalization;

namespace Ivr.Data;

/// <summary>Money is stored as integer fen (分, 1/100 yuan); callers see decimal text in yuan.</summary>
public static class Money
{
    /// <summary><c>325650</c> → <c>3256.50</c>; <c>0</c> → <c>0.00</c>; <c>-5</c> → <c>-0.05</c>.</summary>
    public static string Format(long fen)
    {
        var sign = fen < 0 ? "-" : "";
        var abs = fen < 0 ? -(decimal)fen : fen;
        return sign + (abs / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
