using System.Net;
using Ivr.Core.Channel;
using Ivr.Core.Privacy;
using Ivr.Telephony;

namespace Ivr.Host.Assist;

/// <summary>
/// Who may start an assisted check (issue 16): only the agents' PBX. The assist headers of an INVITE
/// (<see cref="AssistHeaders"/>) are kept only when the INVITE's source — the address its datagram or connection came
/// from (<see cref="IncomingCall.Source"/>, what <see cref="Serving.LookupSource"/> starts from) — is a
/// <c>trusted_pbx</c> host of deploy/queues.yaml, matched as the return-URI check matches a host: by its text, no
/// name resolved (an entry that is a name allows returns to it, never an INVITE from it). From anywhere else the
/// call goes on without them, exactly as if the PBX had sent no <c>X-Ivr-Return</c> (the flow offers a callback),
/// logged once without the caller's number in clear.
/// A call through a listed proxy (<c>sip_proxies</c>, Kamailio) has the proxy as its source: the node cannot know the
/// real sender (LookupSource gives none; the Via headers below the proxy's are written by the sender), so an assist
/// INVITE through the proxy is refused unless the proxy itself is listed — which would let anyone reaching the proxy
/// start one. The PBX sends the assist INVITE straight to the nodes.
/// </summary>
public sealed class AssistSenders
{
    private readonly HashSet<IPAddress> _addresses;
    private readonly Action<string> _log;

    public AssistSenders(IEnumerable<string>? trustedPbx, Action<string> log)
    {
        _log = log;
        _addresses = [];
        foreach (var host in trustedPbx ?? [])
        {
            var text = host.Trim().Trim('[', ']');
            if (IPAddress.TryParse(text, out var address)) _addresses.Add(Plain(address));
            else if (text.Length > 0) log($"trusted_pbx: '{text}' is a name: the assisted check may return callers to it, but takes INVITEs only from listed addresses");
        }
    }

    /// <summary>Nobody may start an assisted check.</summary>
    public static AssistSenders None { get; } = new([], _ => { });

    /// <summary>Whether an INVITE from <paramref name="source"/> may carry the assist headers.</summary>
    public bool MayStart(IPAddress? source) => source is not null && _addresses.Contains(Plain(source));

    /// <summary>The call as the flow may see it: without its assist headers when its source may not start an assisted check.</summary>
    public IncomingCall Screen(IncomingCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Headers is not { Count: > 0 } || MayStart(call.Source)) return call;
        _log($"call {call.CallId} from {Mask.Phone(call.Caller)}: assist headers ignored, sent from {call.Source?.ToString() ?? "an unknown address"}, not a trusted_pbx address");
        return call with { Headers = AssistHeaders.None };
    }

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
