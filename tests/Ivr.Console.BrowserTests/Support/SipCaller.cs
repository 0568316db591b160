using System.Net;
using System.Net.Sockets;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>
/// A caller on loopback: our own SIP stack places a call with a G.711 SDP offer and keeps it up until
/// <see cref="HangUpAsync"/>; a UDP socket takes the server's RTP (and counts it, so a test knows audio flowed).
/// </summary>
public sealed class SipCaller : IAsyncDisposable
{
    private readonly SipStack _stack;
    private readonly Socket _rtp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _draining;
    private int _rtpPackets;

    private SipCaller(SipStack stack, Socket rtp, SipOutboundCall call)
    {
        _stack = stack;
        _rtp = rtp;
        Call = call;
        _draining = DrainAsync();
    }

    public SipOutboundCall Call { get; }

    public int RtpPacketsReceived => Volatile.Read(ref _rtpPackets);

    /// <summary>Calls <paramref name="dialled"/> at the server from <paramref name="callerNumber"/>; returns once answered.</summary>
    public static async Task<SipCaller> CallAsync(int serverSipPort, string callerNumber, string dialled = "12333")
    {
        var stack = SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false }, new CallerHandler());
        var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var media = new SdpLocalMedia(IPAddress.Loopback, ((IPEndPoint)rtp.LocalEndPoint!).Port);
        var target = SipUri.Parse($"sip:{dialled}@127.0.0.1:{serverSipPort}").Value!;
        var from = NameAddress.Parse($"<sip:{callerNumber}@127.0.0.1>").Value!;

        var call = stack.PlaceCall(target, from, SdpOfferAnswer.CreateOffer(media));
        var caller = new SipCaller(stack, rtp, call);
        try
        {
            var outcome = await call.Answered.WaitAsync(TimeSpan.FromSeconds(30));
            if (!outcome.IsAnswered)
            {
                throw new InvalidOperationException($"the server answered the INVITE with {outcome.StatusCode} {outcome.ReasonPhrase}");
            }
        }
        catch
        {
            await caller.DisposeAsync();
            throw;
        }

        return caller;
    }

    /// <summary>Sends BYE and waits for the dialog to end.</summary>
    public async Task HangUpAsync()
    {
        if (Call.Ended.IsCompleted)
        {
            return;
        }

        Call.Hangup();
        await Call.Ended.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await HangUpAsync();
        }
        catch (TimeoutException)
        {
            // the stack's disposal below ends the dialog anyway
        }

        await _stop.CancelAsync();
        _rtp.Dispose();
        try
        {
            await _draining;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        await _stack.DisposeAsync();
        _stop.Dispose();
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            await _rtp.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            Interlocked.Increment(ref _rtpPackets);
        }
    }

    /// <summary>A caller takes no incoming calls and ignores re-INVITEs and INFO.</summary>
    private sealed class CallerHandler : ISipCallHandler
    {
        public void OnIncomingCall(SipCall call) => call.Reject(486, "Busy Here");

        public void OnCallConfirmed(SipCall call)
        {
        }

        public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer) => null;

        public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
        {
        }

        public void OnCallEnded(SipCall call, SipCallEndReason reason)
        {
        }
    }
}
