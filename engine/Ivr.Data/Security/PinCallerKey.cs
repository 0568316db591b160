namespace Ivr.Data.Security;

/// <summary>What <c>pin_attempts</c> and <c>pin_lock_origins</c> store instead of a caller number: its keyed hash
/// (<see cref="HashKey"/>, first 128 bits, hex), enough to group the checks and locks of one number, never to show it
/// (the console shows <c>caller_masked</c>). A withheld number ("") is one key, as it is one caller number for the
/// throttles.</summary>
public static class PinCallerKey
{
    private const string Salt = "ivr/pin-lock-caller/v1\n";

    public static string Of(HashKey key, string number)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Of(Salt, number);
    }
}
