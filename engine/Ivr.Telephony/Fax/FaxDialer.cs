using Ivr.Core.Fax;
using Ivr.Core.Privacy;
using Ivr.Fax;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Fax;

/// <summary>
/// 定时传真's delivery (<see cref="IFaxDialer"/>): dials the number through <see cref="OutboundDialer"/> (the
/// trunk, or a <c>sip:</c> URI), and when it is answered runs a spandsp <see cref="FaxTransmitter"/> on the call,
/// its audio paced every 20 ms by the dialer's <see cref="Ivr.Media.Playout.PlayoutScheduler"/> like every other stream, until phase E; then hangs up. Busy and no answer come
/// back as such (the job queue retries them), a call answered by no fax machine as <see cref="FaxOutcome.NoAnswer"/>,
/// the far end hanging up mid-page as Failed or PartiallySent. Numbers are masked in every log line.
/// Cancelling hangs the call up and throws <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class FaxDialer : IFaxDialer
{
    private readonly OutboundDialer _dialer;
    private readonly FaxSessionOptions _options;
    private readonly Action<string> _log;

    public FaxDialer(OutboundDialer dialer, FaxSessionOptions? options = null, Action<string>? log = null)
    {
        _dialer = dialer ?? throw new ArgumentNullException(nameof(dialer));
        _options = options ?? new FaxSessionOptions();
        _log = log ?? (_ => { });
    }

    /// <summary>How long it may ring; null: the trunk's ring timeout.</summary>
    public TimeSpan? RingTimeout { get; init; }

    /// <summary>The longest a whole transmission may take once answered (a stuck peer is hung up on).</summary>
    public TimeSpan MaxTransmission { get; init; } = TimeSpan.FromMinutes(20);

    public async Task<FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        ArgumentException.ThrowIfNullOrEmpty(tiffPath);
        var masked = Mask.Phone(number);
        if (FaxLibrary.Problem is { } problem) return FaxResult.Unavailable(problem);

        var finished = new TaskCompletionSource<FaxSessionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        FaxTransmitter transmitter;
        try
        {
            transmitter = new FaxTransmitter(tiffPath, _options, r => finished.TrySetResult(r));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FaxUnavailableException)
        {
            _log($"fax to {masked}: not sent: {e.Message}");
            return e is FaxUnavailableException ? FaxResult.Unavailable(e.Message) : new FaxResult(FaxOutcome.Failed, 0, 0, -1, e.Message);
        }

        using (transmitter)
        {
            var pages = transmitter.PagesInDocument;
            OutboundDialResult dial;
            try
            {
                dial = await _dialer.DialAsync(number, new OutboundCallOptions { RingTimeout = RingTimeout, Audio = transmitter.Receive }, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                _log($"fax to {masked}: cannot dial: {e.Message}");
                return new FaxResult(FaxOutcome.Failed, 0, pages, -1, e.Message); // the dialer's messages mask the number
            }

            if (dial.Outcome == OutboundOutcome.Cancelled) cancellation.ThrowIfCancellationRequested();
            if (dial.Call is not { } call)
            {
                _log($"fax to {masked}: {dial}");
                return FaxDialOutcomes.OfUnanswered(dial, pages);
            }

            _log($"fax to {masked}: answered, sending {pages} pages");
            var result = await TransmitAsync(call, transmitter, finished.Task, cancellation).ConfigureAwait(false);
            _log($"fax to {masked}: {result.Outcome}: {result.Detail}");
            return result;
        }
    }

    private async Task<FaxResult> TransmitAsync(OutboundCall call, FaxTransmitter transmitter, Task<FaxSessionResult> finished, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(MaxTransmission);
        call.Ended += _ => transmitter.Hangup(); // the far end hung up: phase E as a dropped call
        call.Generator = transmitter.Transmit; // paced every 20 ms by the server's playout scheduler; silence after phase E
        try
        {
            await Task.WhenAny(finished, Task.Delay(Timeout.InfiniteTimeSpan, limit.Token)).ConfigureAwait(false);
        }
        finally
        {
            transmitter.Hangup(); // no-op after phase E; ends the session on cancellation or the time limit
            call.Hangup(); // the stream leaves the scheduler: the transmitter is asked for no more audio
        }

        cancellation.ThrowIfCancellationRequested();
        var session = await finished.ConfigureAwait(false);
        return FaxDialOutcomes.OfAnswered(transmitter.ToFaxResult(session));
    }
}
