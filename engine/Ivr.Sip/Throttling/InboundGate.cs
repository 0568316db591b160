using System.Net;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Throttling;

/// <summary>
/// The first check a received message meets, before it is copied or parsed: a token bucket per source address
/// (<see cref="InboundLimits.PerSource"/>, or <see cref="InboundLimits.PerProxy"/> for a listed proxy), then the
/// work queue's cap. What it drops is counted and logged once per source per <see cref="InboundLimits.ReportWindow"/>
/// ("dropped N SIP messages from IP"), as are the datagrams the UDP transport drops after admitting them (their source's
/// receive queue full, or all receive queues together full), each reason counted apart. Thread-safe: the UDP receive thread, the UDP delivery thread and every TCP reader call it.
/// </summary>
public sealed class InboundGate : IDatagramAdmission
{
    private static readonly IPAddress OtherSources = IPAddress.None;
    private readonly InboundLimits _limits;
    private readonly TrustedSources _proxies;
    private readonly ISipLog _log;
    private readonly BucketTable<IPAddress> _budgets;
    private readonly DropTally<IPAddress> _overBudget;
    private readonly DropTally<IPAddress> _queueFull;
    private readonly DropTally<IPAddress> _sourceQueueFull;
    private readonly DropTally<IPAddress> _allQueuesFull;
    private readonly DropTally<IPAddress> _malformed;

    public InboundGate(InboundLimits limits, TrustedSources proxies, TimeProvider time, ISipLog log)
    {
        _limits = limits;
        _proxies = proxies;
        _log = log;
        _budgets = new BucketTable<IPAddress>(time, limits.MaxTrackedSources);
        _overBudget = new DropTally<IPAddress>(time, OtherSources, limits.ReportWindow);
        _queueFull = new DropTally<IPAddress>(time, OtherSources, limits.ReportWindow);
        _sourceQueueFull = new DropTally<IPAddress>(time, OtherSources, limits.ReportWindow);
        _allQueuesFull = new DropTally<IPAddress>(time, OtherSources, limits.ReportWindow);
        _malformed = new DropTally<IPAddress>(time, OtherSources, limits.ReportWindow);
    }

    /// <summary>Messages dropped because their source was over its budget, since start.</summary>
    public long DroppedOverBudget => _overBudget.Total;

    /// <summary>Messages dropped because the work queue was full, since start.</summary>
    public long DroppedQueueFull => _queueFull.Total;

    /// <summary>Admitted datagrams the UDP transport dropped because their source's receive queue was full, since start.</summary>
    public long DroppedSourceQueueFull => _sourceQueueFull.Total;

    /// <summary>Admitted datagrams the UDP transport dropped because all receive queues together were full, since start.</summary>
    public long DroppedAllQueuesFull => _allQueuesFull.Total;

    /// <summary>Messages dropped after parsing because they were malformed, invalid or from an untrusted source, since start.</summary>
    public long DroppedMalformed => _malformed.Total;

    /// <summary>Every drop count, since start.</summary>
    public SipDropCounts Drops => new(DroppedOverBudget, DroppedQueueFull, DroppedSourceQueueFull, DroppedAllQueuesFull, DroppedMalformed);

    /// <summary>Source addresses whose budgets are remembered now.</summary>
    public int TrackedSources => _budgets.Count;

    /// <summary>True when a message from <paramref name="source"/> may be processed, with <paramref name="queued"/> waiting.</summary>
    public bool Admit(SipEndPoint source, int queued)
    {
        var address = Unmapped(source);
        var admitted = false;
        if (!_budgets.TryTake(address, BudgetOf(address))) _overBudget.Add(address);
        else if (queued >= _limits.MaxQueuedMessages) _queueFull.Add(address);
        else admitted = true;
        ReportIfDue();
        return admitted;
    }

    /// <summary>The work-queue cap alone, for a message whose source's budget was taken already (UDP: on the receive thread).</summary>
    public bool AdmitQueued(SipEndPoint source, int queued)
    {
        if (queued < _limits.MaxQueuedMessages) return true;
        _queueFull.Add(Unmapped(source));
        ReportIfDue();
        return false;
    }

    public void Dropped(SipEndPoint source, DatagramDrop reason)
    {
        (reason == DatagramDrop.SourceBacklog ? _sourceQueueFull : _allQueuesFull).Add(Unmapped(source));
        ReportIfDue();
    }

    /// <summary>A message from <paramref name="source"/> was dropped as malformed, invalid or refused (after parsing).</summary>
    public void Malformed(SipEndPoint source)
    {
        _malformed.Add(Unmapped(source));
        ReportIfDue();
    }

    private static IPAddress Unmapped(SipEndPoint source)
    {
        var address = source.EndPoint.Address;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private RateBudget BudgetOf(IPAddress address) => _proxies.IsTrusted(address) ? _limits.PerProxy : _limits.PerSource;

    private void ReportIfDue()
    {
        if (Report(_overBudget, Reason.OverBudget)) _budgets.ForgetQuiet();
        Report(_queueFull, Reason.WorkQueueFull);
        Report(_sourceQueueFull, Reason.SourceQueueFull);
        Report(_allQueuesFull, Reason.AllQueuesFull);
        Report(_malformed, Reason.Malformed);
    }

    /// <summary>When <paramref name="tally"/>'s window has ended: one warning per source it counted, and true.</summary>
    private bool Report(DropTally<IPAddress> tally, Reason reason)
    {
        if (!tally.TryEndWindow(out var ended)) return false;
        foreach (var (address, count) in ended)
            _log.Warning($"dropped {count} SIP messages from {Name(address)} in the last minute: {Why(reason, address)}");
        return true;
    }

    private string Why(Reason reason, IPAddress address) => reason switch
    {
        Reason.OverBudget => $"over its budget of {BudgetOf(address)}",
        Reason.WorkQueueFull => $"work queue full ({_limits.MaxQueuedMessages} waiting)",
        Reason.SourceQueueFull => "its UDP receive queue was full",
        Reason.AllQueuesFull => "all UDP receive queues together were full",
        _ => "malformed, invalid or from an untrusted source",
    };

    private static string Name(IPAddress address) => address.Equals(OtherSources) ? "other sources" : address.ToString();

    private enum Reason
    {
        OverBudget,
        WorkQueueFull,
        SourceQueueFull,
        AllQueuesFull,
        Malformed,
    }
}
