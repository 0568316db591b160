namespace Ivr.Sip.Throttling;

/// <summary>
/// New calls one party may place. A source address that is not a listed proxy is limited as a whole (it may be an
/// attacker's machine); a listed proxy (Kamailio, the trunk's SBC) carries everyone's calls, so behind it each
/// caller number is limited instead. Refusals: 503 with Retry-After for a source (RFC 3261 §21.5.4: the server is
/// overloaded for it), 486 Busy Here for a caller number (§21.4.24: that caller only; a 503 would make Kamailio try
/// the next node and spread the flood). Withheld or anonymous caller numbers are not limited per number.
/// </summary>
public sealed record CallLimits
{
    public static CallLimits Default { get; } = new();

    /// <summary>No limit beyond the stack's MaxCalls (tests and benchmarks that place calls as fast as they can).</summary>
    public static CallLimits None { get; } = new() { PerSourcePerMinute = 0, SourceShare = 1, PerCallerPerMinute = 0, PerCallerConcurrent = 0 };

    /// <summary>New calls per minute from one source address (not a proxy); 0 = unlimited.</summary>
    public int PerSourcePerMinute { get; init; } = 60;

    /// <summary>The share of MaxCalls one source address (not a proxy) may hold at once, at least one call.</summary>
    public double SourceShare { get; init; } = 0.2;

    /// <summary>New calls per minute from one caller number behind a proxy; 0 = unlimited.</summary>
    public int PerCallerPerMinute { get; init; } = 10;

    /// <summary>Calls one caller number behind a proxy may hold at once; 0 = unlimited.</summary>
    public int PerCallerConcurrent { get; init; } = 2;

    /// <summary>How often refusals are logged (one line per source or caller number).</summary>
    public TimeSpan ReportWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The calls one source may hold at once out of <paramref name="maxCalls"/>.</summary>
    public int SourceConcurrent(int maxCalls) => Math.Max(1, (int)Math.Ceiling(maxCalls * Math.Clamp(SourceShare, 0, 1)));
}
