namespace Ivr.Data.Migrations;

/// <summary>
/// <c>pin_attempts.caller</c> held the caller number in clear (migration 9); the per-caller throttle only needs to count
/// one number's failures, so the column becomes <c>caller_key</c>, the salted key of <see cref="Security.PinCallerKey"/>
/// (the one <c>pin_lock_origins</c> uses). A salted key cannot be computed in SQL, so rows written before this migration
/// get an empty key: they no longer count for a caller (the throttle looks back 24 h, so for one day at most) and still
/// count for their call and ID.
/// </summary>
internal static class M022PinAttemptCallerKeys
{
    public static readonly Migration Migration = new(22, "PIN attempts keep a salted caller key, not the number", """
        ALTER TABLE pin_attempts RENAME COLUMN caller TO caller_key;
        UPDATE pin_attempts SET caller_key = '';
        """);
}
