using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Fax;
using Ivr.Media.Inbound;
using Ivr.Media.Playout;

namespace Ivr.Telephony.Fax;

/// <summary>
/// 即时传真 on the caller's own line: the call's media is lent to a spandsp <see cref="FaxTransmitter"/>
/// (T.30 over G.711). Prompts stop; the transmitter's audio goes out paced by the playout stream as its
/// <see cref="PlayoutStream.Generator"/>; the decoded inbound audio goes to it through
/// <see cref="InboundMedia.AudioTap"/>; key detection is off meanwhile (V.21 and the high-speed modems
/// would read as keys). At phase E the line is given back and <c>FaxFinished</c> reported with the pages
/// confirmed and the T.30 code; if the call ends first the fax is reported failed (or partly sent) before
/// the hang-up. Missing spandsp answers <see cref="FaxOutcome.Unavailable"/> at once.
/// </summary>
internal sealed class LineFax
{
    private readonly object _gate = new();
    private readonly string _callId;
    private readonly PlayoutStream _outbound;
    private readonly InboundMedia _inbound;
    private readonly FaxSessionOptions _options;
    private readonly Action<int, FaxResult> _report;
    private readonly Action<string> _log;
    private Running? _running;

    public LineFax(string callId, PlayoutStream outbound, InboundMedia inbound, FaxSessionOptions options, Action<int, FaxResult> report, Action<string> log)
    {
        _callId = callId;
        _outbound = outbound;
        _inbound = inbound;
        _options = options;
        _report = report;
        _log = log;
    }

    public bool IsRunning
    {
        get
        {
            lock (_gate) return _running is not null;
        }
    }

    public void Start(FaxRequest request)
    {
        if (Refusal(request) is { } refused)
        {
            _log($"call {_callId}: fax {request.DocumentId} not sent: {refused.Detail}");
            _report(request.RequestId, refused);
            return;
        }

        FaxTransmitter transmitter;
        Running running;
        lock (_gate)
        {
            if (_running is not null)
            {
                _report(request.RequestId, new FaxResult(FaxOutcome.Failed, 0, 0, -1, "a fax is already being sent on this call"));
                return;
            }

            running = new Running(request);
            try
            {
                transmitter = new FaxTransmitter(request.TiffPath, _options, result => Finished(running, result));
            }
            catch (Exception e) when (e is FaxUnavailableException or IOException or InvalidDataException or InvalidOperationException)
            {
                _log($"call {_callId}: fax {request.DocumentId} not started: {e.Message}");
                _report(request.RequestId, e is FaxUnavailableException ? FaxResult.Unavailable(e.Message) : new FaxResult(FaxOutcome.Failed, 0, 0, -1, e.Message));
                return;
            }

            running.Transmitter = transmitter;
            _running = running;

            // Under the lock, so that a late GiveTheLineBack of an earlier fax cannot undo this. No deadlock with the
            // pacing thread: the only transmitter it can be running now has finished, and never calls Finished again.
            _outbound.Stop(); // prompts end (reported interrupted); the modem has the line from the next tick
            _inbound.KeyDetection = false;
            _inbound.AudioTap = transmitter.Receive;
            _outbound.Generator = transmitter.Transmit;
        }

        _log($"call {_callId}: fax {request.DocumentId} starts ({transmitter.PagesInDocument} pages, ECM {(_options.ErrorCorrection ? "on" : "off")})");
    }

    /// <summary>The call ended (<paramref name="cause"/>): a fax still running ends as dropped and is reported.</summary>
    public void CallEnded(string cause)
    {
        Running? running;
        lock (_gate)
        {
            running = _running;
            if (running is null) return;
            running.EndedBy = cause;
        }

        running.Transmitter!.Hangup(); // phase E: Finished runs here, on this thread
    }

    private static FaxResult? Refusal(FaxRequest request)
    {
        if (FaxLibrary.Problem is { } problem) return FaxResult.Unavailable(problem);
        if (!File.Exists(request.TiffPath)) return new FaxResult(FaxOutcome.Failed, 0, 0, -1, $"document {request.DocumentId} is not rendered (run: ivr fax render)");
        return null;
    }

    /// <summary>Phase E, on the pacing thread (inside the stream's tick), the receiving thread, or a hang-up's: nothing here touches the stream.</summary>
    private void Finished(Running running, FaxSessionResult session)
    {
        lock (_gate)
        {
            if (_running != running) return;
            _running = null;
        }

        var result = running.Transmitter!.ToFaxResult(session);
        if (running.EndedBy is { } cause) result = result with { Detail = $"call ended ({cause}) during the fax: {result.Detail}" };
        _log($"call {_callId}: fax {running.Request.DocumentId} {result.Outcome}: {result.Detail}");
        ThreadPool.QueueUserWorkItem(_ => GiveTheLineBack(running.Transmitter)); // the stream's lock may be held by this thread's caller
        _report(running.Request.RequestId, result);
    }

    private void GiveTheLineBack(FaxTransmitter transmitter)
    {
        lock (_gate)
        {
            if (_running is null) // else a new fax already has the line
            {
                _outbound.Generator = null;
                _inbound.AudioTap = null;
                _inbound.KeyDetection = true;
            }
        }

        transmitter.Dispose();
    }

    private sealed class Running(FaxRequest request)
    {
        public FaxRequest Request { get; } = request;

        public FaxTransmitter? Transmitter { get; set; }

        public string? EndedBy { get; set; }
    }
}
