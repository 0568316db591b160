using Ivr.Core.Channel;
using Ivr.Core.Privacy;
using Ivr.Host.Hosting;
using Ivr.Runtime.Calls;
using Ivr.Sip.Transport;
using Ivr.Telephony;

namespace Ivr.Host.Serving;

/// <summary>The telephony layer's answered call, started as a flow call (with its caller number's flag, when
/// <paramref name="flagOf"/> is given, and its SIP source address unless it came through one of <paramref name="proxies"/>
/// or <paramref name="pbxHosts"/>, which carry every caller's calls); the flow ending the call hangs up the SIP side.
/// Its assist headers reach the flow only when <paramref name="assistSenders"/> (null: nobody) lets its source start an
/// assisted check.</summary>
internal sealed class TelephonyCalls(CallFactory factory, Action<string> log, Func<string, string?>? flagOf = null, TrustedSources? proxies = null,
    IReadOnlySet<string>? pbxHosts = null, Assist.AssistSenders? assistSenders = null)
{
    /// <returns>The running call, or null when no flow serves the dialled number (the telephony layer then hangs up).</returns>
    public CallSession? Start(IncomingCall call, ICallChannel channel)
    {
        call = (assistSenders ?? Assist.AssistSenders.None).Screen(call);
        var session = factory.Start(new CallIdentity(call.CallId, call.Caller, call.Dialled, flagOf?.Invoke(call.Caller)) { Headers = call.Headers ?? AssistHeaders.None, Source = SourceOf(call) }, channel, s => s.Ended += ended =>
        {
            log($"call {call.CallId} from {Mask.Phone(call.Caller)}: flow ended ({ended.Disposition})");
            channel.Hangup(ended.Disposition ?? "ended");
        });
        if (session is not null) log($"call {call.CallId} from {Mask.Phone(call.Caller)} to {call.Dialled}: flow started");
        return session;
    }

    private string? SourceOf(IncomingCall call) => LookupSource.Of(call.Source, proxies ?? TrustedSources.None, pbxHosts);
}
