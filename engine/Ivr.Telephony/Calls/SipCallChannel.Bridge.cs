using Ivr.Telephony.Bridging;

namespace Ivr.Telephony.Calls;

/// <summary>The caller's leg as a bridge sees it (B2BUA transfer fallback, see Bridging/).</summary>
public sealed partial class SipCallChannel : IBridgeLeg
{
    private RtpPacketHandler? _relay;

    private event Action? _bridgeClosed;

    event Action? IBridgeLeg.Closed
    {
        add => _bridgeClosed += value;
        remove => _bridgeClosed -= value;
    }

    void IBridgeLeg.SetRelay(RtpPacketHandler? relay) => Volatile.Write(ref _relay, relay);

    uint IBridgeLeg.OutgoingSsrc => _parts.Playback.Stream.Sender.Ssrc;

    RtpContinuation? IBridgeLeg.ContinueOutgoing() =>
        _parts.Playback.Stream.IsPlaying ? null : _parts.Playback.Stream.Sender.Continuation();

    bool IBridgeLeg.SendRelayed(ReadOnlySpan<byte> packet) => _leg.Send(packet);

    void IBridgeLeg.StartRingback() => WhileOpen(() =>
    {
        foreach (var cycle in Ringback.For(_call.Options.TransferTargets?.BridgeRingTimeout ?? TimeSpan.FromSeconds(30))) _parts.Playback.PlaySound(cycle);
    });

    void IBridgeLeg.StopRingback() => StopPlayback();

    void IBridgeLeg.Hangup(string cause) => _call.Run(() => EndLeg(cause));

    void IBridgeLeg.MarkBridged() => _bridged = true;
}
