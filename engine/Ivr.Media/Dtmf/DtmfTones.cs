namespace Ivr.Media.Dtmf;

/// <summary>The DTMF frequencies of ITU-T Q.23 and the keypad they encode.</summary>
internal static class DtmfTones
{
    public static readonly double[] Low = [697, 770, 852, 941];

    public static readonly double[] High = [1209, 1336, 1477, 1633];

    private static readonly string[] s_keypad = ["123A", "456B", "789C", "*0#D"];

    public static char Key(int low, int high) => s_keypad[low][high];

    /// <summary>The frequencies of a key (upper-case A–D); throws for a non-key.</summary>
    public static (double Low, double High) Of(char key)
    {
        for (var row = 0; row < 4; row++)
        {
            var column = s_keypad[row].IndexOf(key);
            if (column >= 0) return (Low[row], High[column]);
        }

        throw new ArgumentException($"'{key}' is not a DTMF key", nameof(key));
    }
}
