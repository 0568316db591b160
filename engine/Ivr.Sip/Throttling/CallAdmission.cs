using Ivr.Core.Privacy;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Throttling;

/// <summary>
/// Whether a new INVITE may become a call under <see cref="CallLimits"/>: per source address (new calls per minute,
/// a share of MaxCalls at once) or, behind a listed proxy, per caller number (per minute, at once). An admitted call
/// holds its party until <see cref="Release"/>. Refusals are counted and logged once per party per window, caller
/// numbers masked. Runs only on the stack's work queue.
/// </summary>
public sealed class CallAdmission
{
    private const string CallerPrefix = "caller ";
    private const string SourcePrefix = "source ";
    private readonly CallLimits _limits;
    private readonly int _sourceConcurrent;
    private readonly string _retryAfter;
    private readonly TrustedSources _proxies;
    private readonly ISipLog _log;
    private readonly BucketTable<string> _rates;
    private readonly Dictionary<string, int> _held = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _heldByText;
    private readonly DropTally<string> _refused;

    public CallAdmission(CallLimits limits, int maxCalls, int retryAfterSeconds, TrustedSources proxies, TimeProvider time, ISipLog log)
    {
        _limits = limits;
        _sourceConcurrent = limits.SourceConcurrent(maxCalls);
        _retryAfter = retryAfterSeconds.ToString();
        _proxies = proxies;
        _log = log;
        _rates = new BucketTable<string>(time, 16_384);
        _refused = new DropTally<string>(time, "other parties", limits.ReportWindow);
        _heldByText = _held.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Calls refused by these limits since start.</summary>
    public long Refused => _refused.Total;

    /// <summary>
    /// Null when the call may go ahead — then <paramref name="party"/> (null when nothing is limited) is held until
    /// <see cref="Release"/> — or the response to refuse it with.
    /// </summary>
    public SipRejection? TryAdmit(SipRequest invite, SipEndPoint source, out string? party)
    {
        var address = source.EndPoint.Address;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var behindProxy = _proxies.IsTrusted(address);
        party = behindProxy ? CallerParty(invite) : SourceParty(address);
        var refusal = party is null ? null
            : behindProxy ? Check(party, _limits.PerCallerConcurrent, RateBudget.PerMinute(_limits.PerCallerPerMinute), Busy())
            : Check(party, _sourceConcurrent, RateBudget.PerMinute(_limits.PerSourcePerMinute), Unavailable());
        if (refusal is not null)
        {
            _refused.Add(party!);
            party = null;
        }
        else if (party is not null)
        {
            _held[party] = _held.GetValueOrDefault(party) + 1;
        }

        ReportIfDue();
        return refusal;
    }

    /// <summary>The call admitted for <paramref name="party"/> has ended.</summary>
    public void Release(string? party)
    {
        if (party is null || !_held.TryGetValue(party, out var held)) return;
        if (held <= 1) _held.Remove(party);
        else _held[party] = held - 1;
    }

    private SipRejection? Check(string party, int concurrent, RateBudget perMinute, SipRejection refusal)
    {
        if (concurrent > 0 && _held.GetValueOrDefault(party) >= concurrent) return refusal;
        return _rates.TryTake(party, perMinute) ? null : refusal;
    }

    /// <summary>"source ADDRESS": the very string a held call from that address already keeps, else a new one (a trunk's
    /// thousand calls kept a thousand copies of it, issue 13).</summary>
    private string SourceParty(System.Net.IPAddress address)
    {
        Span<char> text = stackalloc char[SourcePrefix.Length + 64]; // an IPv6 address with a scope id is at most 56 characters
        SourcePrefix.CopyTo(text);
        if (!address.TryFormat(text[SourcePrefix.Length..], out var written)) return SourcePrefix + address;
        var party = text[..(SourcePrefix.Length + written)];
        return _heldByText.TryGetValue(party, out var held, out _) ? held : party.ToString();
    }

    /// <summary>"caller NUMBER" from the From URI's user part; null for a withheld or anonymous number.</summary>
    private static string? CallerParty(SipRequest invite)
    {
        var user = invite.From?.Uri.User;
        if (string.IsNullOrWhiteSpace(user) || user.Equals("anonymous", StringComparison.OrdinalIgnoreCase)) return null;
        return CallerPrefix + user;
    }

    /// <summary>The party as a log may show it: a caller number masked (130*****273).</summary>
    private static string Shown(string party) =>
        party.StartsWith(CallerPrefix, StringComparison.Ordinal) ? CallerPrefix + Mask.Phone(party[CallerPrefix.Length..]) : party;

    private SipRejection Unavailable() =>
        new(503, "Too Many Calls From Source", [new SipHeader(SipHeaderNames.RetryAfter, _retryAfter)]);

    private static SipRejection Busy() => new(486, "Too Many Calls From Caller");

    private void ReportIfDue()
    {
        if (!_refused.TryEndWindow(out var ended)) return;
        foreach (var (party, count) in ended)
        {
            _log.Warning($"refused {count} calls from {Shown(party)} in the last minute (limits: {Describe(party)})");
        }

        _rates.ForgetQuiet();
    }

    private string Describe(string party) => party.StartsWith(CallerPrefix, StringComparison.Ordinal)
        ? $"{_limits.PerCallerPerMinute}/min, {_limits.PerCallerConcurrent} at once per caller number"
        : $"{_limits.PerSourcePerMinute}/min, {_sourceConcurrent} at once per source";
}
