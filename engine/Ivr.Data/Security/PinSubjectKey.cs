namespace Ivr.Data.Security;

/// <summary>
/// What the throttles store instead of a resident ID: its keyed hash (<see cref="HashKey"/>, first 128 bits, hex),
/// enough to tell the IDs one caller tried apart and to count them, never to show one.
/// </summary>
public static class PinSubjectKey
{
    private const string Salt = "ivr/pin-attempt-subject/v1\n";

    public static string Of(HashKey key, string subject)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Of(Salt, subject);
    }
}
