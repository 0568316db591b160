namespace Ivr.Data.Retention;

/// <summary>What one prune removed (or, dry, would remove), per kind.</summary>
public sealed record RetentionCounts(long CallEvents, long Recordings, long AccessLog, long FaxNumbers)
{
    public long Total => CallEvents + Recordings + AccessLog + FaxNumbers;

    /// <summary>One line per kind, as <c>ivr db prune</c> prints it and the access log keeps it.</summary>
    public override string ToString()
        => $"call_events {CallEvents}, recordings {Recordings}, access_log {AccessLog}, fax_numbers {FaxNumbers}";
}
