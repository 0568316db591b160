using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ivr.Fax.Interop;

namespace Ivr.Fax;

/// <summary>
/// One spandsp fax terminal on 8 kHz 16-bit linear audio (T.30 over V.21/V.27ter/V.29/V.17): feed it
/// what the line brings with <see cref="Receive"/> and ask it for what to send with <see cref="Transmit"/>,
/// frame by frame (20 ms = 160 samples, any size works). The two may be called from different threads.
/// At phase E (the end of the T.30 call) the result is kept in <see cref="Result"/> and handed once to the
/// completion callback, on the thread whose call ended the session, after the session's lock is released.
/// <see cref="Hangup"/> ends a session whose line went away (result T30_ERR_CALLDROPPED unless it was over).
/// </summary>
public abstract unsafe class FaxSession : IDisposable
{
    private readonly object _gate = new();
    private readonly FaxStateHandle _state;
    private readonly Action<FaxSessionResult>? _completed;
    private FaxSessionResult? _result;
    private bool _reported;

    private protected FaxSession(bool callingParty, FaxSessionOptions options, Action<FaxSessionResult>? completed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (FaxLibrary.Problem is { } problem) throw new FaxUnavailableException(problem);
        _completed = completed;
        try
        {
            _state = FaxStateHandle.Create(callingParty, this);
        }
        catch (DllNotFoundException e)
        {
            throw new FaxUnavailableException($"{e.Message} (install it with: {FaxLibrary.InstallCommand})");
        }

        var t30 = _state.T30;
        SpanDspNative.FaxSetTransmitOnIdle(_state, 1);
        SpanDspNative.T30SetTxIdent(t30, options.LocalIdent);
        SpanDspNative.T30SetEcmCapability(t30, options.ErrorCorrection ? 1 : 0);
        SpanDspNative.T30SetSupportedCompressions(t30, T30Capabilities.T4OneDimensional | T30Capabilities.T4TwoDimensional | (options.ErrorCorrection ? T30Capabilities.T6 : 0));
        SpanDspNative.T30SetSupportedResolutions(t30, T30Capabilities.StandardResolution | T30Capabilities.FineResolution | T30Capabilities.SuperfineResolution);
        SpanDspNative.T30SetSupportedImageSizes(t30, T30Capabilities.Width215Mm | T30Capabilities.UnlimitedLength | T30Capabilities.A4Length | T30Capabilities.B4Length | T30Capabilities.UsLetterLength | T30Capabilities.UsLegalLength);
        SpanDspNative.T30SetPhaseEHandler(t30, &OnPhaseE, _state.OwnerCookie);
        ErrorCorrection = options.ErrorCorrection;
    }

    public const int SamplesPerFrame = 160;

    /// <summary>The T.30 context, for the subclass's file settings at construction.</summary>
    private protected nint StateT30 => _state.T30;

    public bool ErrorCorrection { get; }

    /// <summary>The phase-E result once the T.30 call has ended; null while it runs.</summary>
    public FaxSessionResult? Result
    {
        get
        {
            lock (_gate) return _result;
        }
    }

    public bool IsFinished => Result is not null;

    /// <summary>Fills <paramref name="frame"/> with the audio to send (silence once finished or disposed).</summary>
    public void Transmit(Span<short> frame)
    {
        lock (_gate)
        {
            if (_state.IsClosed)
            {
                frame.Clear();
                return;
            }

            var made = 0;
            fixed (short* samples = frame)
            {
                while (made < frame.Length)
                {
                    var n = SpanDspNative.FaxTx(_state, samples + made, frame.Length - made);
                    if (n <= 0) break;
                    made += n;
                }
            }

            frame[made..].Clear();
        }

        ReportIfFinished();
    }

    /// <summary>Hands the received audio to the modems; ignored once disposed.</summary>
    public void Receive(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (_state.IsClosed || frame.IsEmpty) return;
            fixed (short* samples = frame)
                SpanDspNative.FaxRx(_state, samples, frame.Length);
        }

        ReportIfFinished();
    }

    /// <summary>The line is gone: ends the T.30 call (reported as dropped unless it was already over).</summary>
    public void Hangup()
    {
        lock (_gate)
        {
            if (_state.IsClosed) return;
            if (_result is null) SpanDspNative.T30Terminate(_state.T30);
            _result ??= Statistics(FaxSessionResult.CallDropped); // a session that never started reports no phase E
        }

        ReportIfFinished();
    }

    public void Dispose()
    {
        lock (_gate) _state.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Called with the lock held: the native state is valid.</summary>
    private FaxSessionResult Statistics(int code)
    {
        T30Statistics stats;
        SpanDspNative.T30GetTransferStatistics(_state.T30, &stats);
        var text = Marshal.PtrToStringUTF8(SpanDspNative.T30CompletionCodeToString(code)) ?? $"T.30 code {code}";
        return new FaxSessionResult(code, text, stats.PagesTransmitted, stats.PagesReceived, stats.PagesInFile, stats.ErrorCorrectingMode != 0, stats.BitRate);
    }

    private void ReportIfFinished()
    {
        FaxSessionResult? report;
        lock (_gate)
        {
            if (_reported || _result is null) return;
            _reported = true;
            report = _result;
        }

        _completed?.Invoke(report);
    }

    /// <summary>spandsp's phase-E handler; runs inside fax_rx / fax_tx / t30_terminate, so the lock is held.</summary>
    [UnmanagedCallersOnly]
    private static void OnPhaseE(nint t30, nint userData, int completionCode)
    {
        try
        {
            if (GCHandle.FromIntPtr(userData).Target is FaxSession session && Monitor.IsEntered(session._gate))
                session._result ??= session.Statistics(completionCode);
        }
        catch
        {
            // an exception must not unwind through native frames
        }
    }
}
