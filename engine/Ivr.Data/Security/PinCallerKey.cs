namespace Ivr.Data.Security;

/// <summary>What <c>pin_lock_origins</c> stores instead of a caller number: a salted SHA-256 (first 128 bits, hex),
/// enough to group the locks of one number, never to show it (the console shows <c>caller_masked</c>).
/// A withheld number ("") is one key, as it is one caller number for the throttles.</summary>
public static class PinCallerKey
{
    private const string Salt = "ivr/pin-lock-caller/v1\n";

    public static string Of(string number) => SaltedKey.Of(Salt, number);
}
