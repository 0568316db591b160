namespace Ivr.Media.Rtp.Receiving;

/// <summary>One of the shared receive threads: serves the receivers added to it until each stops.</summary>
internal interface IRtpReceiveThread
{
    /// <summary>Receivers on this thread now.</summary>
    int Count { get; }

    /// <summary>What a receiver on this thread calls once when it stops (one delegate for all of them, not one per call).</summary>
    Action<RtpReceiver> Removal { get; }

    /// <summary>Serves <paramref name="receiver"/> (started already) until it stops; one whose socket is closed already is stopped.</summary>
    void Add(RtpReceiver receiver);
}
