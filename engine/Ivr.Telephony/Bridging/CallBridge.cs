using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Bridging;

/// <summary>
/// Two answered legs joined by Ivr acting as a B2BUA: each leg's RTP is relayed to the other through an
/// <see cref="RtpTranslator"/> (audio and RFC 4733 events, SSRC/sequence/timestamp rewritten, PCMU↔PCMA when the
/// legs differ); the caller hears the agent as a continuation of the prompts' stream (same SSRC, sequence and
/// timestamp carried on). When either leg ends, the other is hung up (BYE). Packets from the agent before
/// <see cref="Connect"/> (its early media) are dropped: the caller hears our ring-back meanwhile.
/// </summary>
internal sealed class CallBridge(IBridgeLeg caller, Action<string> log)
{
    private const int MaxPacket = 1500;

    private readonly byte[] _toAgent = new byte[MaxPacket];
    private readonly byte[] _toCaller = new byte[MaxPacket];
    private RtpTranslator? _callerToAgent;
    private RtpTranslator? _agentToCaller;
    private OutboundCall? _agent;
    private long _relayedToAgent;
    private long _relayedToCaller;
    private int _ended;

    public long RelayedToAgent => Interlocked.Read(ref _relayedToAgent);

    public long RelayedToCaller => Interlocked.Read(ref _relayedToCaller);

    public bool IsConnected => Volatile.Read(ref _agent) is not null;

    /// <summary>The agent answered: start relaying both ways and tie the two ends together.</summary>
    public void Connect(OutboundCall agent)
    {
        _callerToAgent = new RtpTranslator(caller.Media, agent.Media!);
        _agentToCaller = new RtpTranslator(agent.Media!, caller.Media, caller.OutgoingSsrc, caller.ContinueOutgoing);
        caller.MarkBridged();
        Volatile.Write(ref _agent, agent);
        caller.SetRelay(FromCaller);
        caller.Closed += () => End("caller", agent);
        agent.Ended += cause => End($"agent ({cause})", agent);
        if (caller.IsClosed) End("caller", agent);
        if (agent.IsClosed) End("agent", agent);
        log($"call {caller.CallId}: bridged to {agent}");
    }

    /// <summary>The agent leg's RTP hook (<see cref="OutboundCallOptions.Relay"/>), on its receive thread.</summary>
    public void FromAgent(RtpPacket packet)
    {
        if (Volatile.Read(ref _agent) is null || _agentToCaller is not { } translator) return;
        var length = translator.Translate(packet, _toCaller);
        if (length > 0 && caller.SendRelayed(_toCaller.AsSpan(0, length))) Interlocked.Increment(ref _relayedToCaller);
    }

    private void FromCaller(RtpPacket packet)
    {
        if (Volatile.Read(ref _agent) is not { } agent || _callerToAgent is not { } translator) return;
        var length = translator.Translate(packet, _toAgent);
        if (length > 0 && agent.SendRelayed(_toAgent.AsSpan(0, length))) Interlocked.Increment(ref _relayedToAgent);
    }

    private void End(string by, OutboundCall agent)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        log($"call {caller.CallId}: bridge ended by the {by}; relayed {RelayedToAgent} packets to the agent, {RelayedToCaller} to the caller");
        agent.Hangup();
        caller.Hangup("bridge_ended");
    }
}
