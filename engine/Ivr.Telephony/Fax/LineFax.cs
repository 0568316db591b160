using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Fax;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Fax;

/// <summary>
/// 即时传真 on the caller's own line: the call's media is lent to a spandsp <see cref="FaxTransmitter"/>
/// (T.30 over G.711). Prompts stop; the transmitter's audio goes out paced by the playout stream as its
/// <see cref="PlayoutStream.Generator"/>; the decoded inbound audio goes to it through
/// <see cref="InboundMedia.AudioTap"/>; key detection is off meanwhile (V.21 and the high-speed modems
/// would read as keys). At phase E the line is given back and <c>FaxFinished</c> reported with the pages
/// confirmed and the T.30 code; if the call ends first the fax is reported failed (or partly sent) before
/// the hang-up. Missing spandsp answers <see cref="FaxOutcome.Unavailable"/> at once.
/// <para>Runs on the call's serial queue. Phase E comes on the pacing thread (inside the stream's tick), the
/// receiving thread or the hang-up's: it is only posted to the queue, which never runs on the pacing thread
/// in production, so giving the line back never waits for the stream's lock held by its own caller.</para>
/// </summary>
internal sealed class LineFax(CallContext call, PlayoutStream outbound, InboundMedia inbound)
{
    private Running? _running;

    public bool IsRunning => _running is not null;

    public void Start(FaxRequest request)
    {
        if (Refusal(request) is { } refused)
        {
            call.Log($"call {call.CallId}: fax {request.DocumentId} not sent: {refused.Detail}");
            call.Reports.Report(i => i.FaxFinished(request.RequestId, refused));
            return;
        }

        var running = new Running(request);
        try
        {
            running.Transmitter = new FaxTransmitter(request.TiffPath, call.Options.Fax, session => call.Post(() => Finished(running, session)));
        }
        catch (Exception e) when (e is FaxUnavailableException or IOException or InvalidDataException or InvalidOperationException)
        {
            call.Log($"call {call.CallId}: fax {request.DocumentId} not started: {e.Message}");
            var failed = e is FaxUnavailableException ? FaxResult.Unavailable(e.Message) : new FaxResult(FaxOutcome.Failed, 0, 0, -1, e.Message);
            call.Reports.Report(i => i.FaxFinished(request.RequestId, failed));
            return;
        }

        _running = running;
        outbound.Stop(); // prompts end (reported interrupted); the modem has the line from the next tick
        inbound.KeyDetection = false;
        inbound.AudioTap = running.Transmitter.Receive;
        outbound.Generator = running.Transmitter.Transmit;
        call.Log($"call {call.CallId}: fax {request.DocumentId} starts ({running.Transmitter.PagesInDocument} pages, ECM {(call.Options.Fax.ErrorCorrection ? "on" : "off")})");
    }

    /// <summary>The call ended (<paramref name="cause"/>): a fax still running ends as dropped; its report is posted ahead of the hang-up's.</summary>
    public void CallEnded(string cause)
    {
        if (_running is not { } running) return;
        running.EndedBy = cause;
        running.Transmitter!.Hangup(); // phase E: its end is posted now
    }

    private FaxResult? Refusal(FaxRequest request)
    {
        if (_running is not null) return new FaxResult(FaxOutcome.Failed, 0, 0, -1, "a fax is already being sent on this call");
        if (FaxLibrary.Problem is { } problem) return FaxResult.Unavailable(problem);
        if (!File.Exists(request.TiffPath)) return new FaxResult(FaxOutcome.Failed, 0, 0, -1, $"document {request.DocumentId} is not rendered (run: ivr fax render)");
        return null;
    }

    private void Finished(Running running, FaxSessionResult session)
    {
        if (_running != running) return;
        _running = null;
        var transmitter = running.Transmitter!;
        outbound.Generator = null; // from the next tick the stream sends prompts again
        inbound.AudioTap = null;
        inbound.KeyDetection = true;
        var result = transmitter.ToFaxResult(session);
        if (running.EndedBy is { } cause) result = result with { Detail = $"call ended ({cause}) during the fax: {result.Detail}" };
        transmitter.Dispose();
        call.Log($"call {call.CallId}: fax {running.Request.DocumentId} {result.Outcome}: {result.Detail}");
        call.Reports.Report(i => i.FaxFinished(running.Request.RequestId, result));
    }

    private sealed class Running(FaxRequest request)
    {
        public FaxRequest Request { get; } = request;

        public FaxTransmitter? Transmitter { get; set; }

        public string? EndedBy { get; set; }
    }
}
