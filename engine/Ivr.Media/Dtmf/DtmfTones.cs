namespace Ivr.Media.Dtmf;

/// <summary>The DTMF frequencies of ITU-T Q.23 and the keypad they encode.</summary>
internal static class DtmfTones
{
    public static readonly double[] Low = [697, 770, 852, 941];

    public static readonly double[] High = [1209, 1336, 1477, 1633];

    private static readonly string[] s_keypad = ["123A", "456B", "789C", "*0#D"];

    public static char Key(int low, int high) => s_keypad[low][high];
}
