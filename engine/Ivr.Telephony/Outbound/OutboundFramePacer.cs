namespace Ivr.Telephony.Outbound;

/// <summary>
/// Sends a call's audio every 20 ms on the injected clock: asks <c>nextFrame</c> to fill 160 samples (8 kHz) and
/// sends them with <see cref="OutboundCall.SendFrame"/>; stops when <c>nextFrame</c> returns false, the call ends,
/// or the token fires. Deadlines are absolute (a late tick does not shift the later ones), so the stream keeps
/// its rate. For prompts, fax tones or relayed audio generated on the fly.
/// </summary>
public static class OutboundFramePacer
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs until done; returns the number of frames sent.</summary>
    public static async Task<long> RunAsync(OutboundCall call, Func<Memory<short>, bool> nextFrame, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(nextFrame);
        time ??= TimeProvider.System;
        var frame = new short[160];
        long frames = 0;
        using var timer = new PeriodicTimer(FrameInterval, time);
        try
        {
            while (!call.IsClosed)
            {
                Array.Clear(frame);
                if (!nextFrame(frame)) break;
                if (call.SendFrame(frame)) frames++;
                if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return frames;
    }
}
