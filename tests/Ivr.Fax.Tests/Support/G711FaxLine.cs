using Ivr.Fax;
using Ivr.Media.Codecs;

namespace Ivr.Fax.Tests.Support;

/// <summary>
/// Two fax sessions joined by a G.711 line in memory: every 20 ms frame each side sends is encoded,
/// decoded and handed to the other side, as RTP would, without a network and faster than real time.
/// <see cref="CutAfter"/> makes the far side fall silent and deaf from that moment (a receiver gone mid-page).
/// </summary>
public sealed class G711FaxLine(FaxSession near, FaxSession far, G711Law law = G711Law.MuLaw)
{
    private readonly short[] _frame = new short[FaxSession.SamplesPerFrame];
    private readonly short[] _decoded = new short[FaxSession.SamplesPerFrame];
    private readonly byte[] _codes = new byte[FaxSession.SamplesPerFrame];

    /// <summary>Line time after which the far side is gone.</summary>
    public TimeSpan? CutAfter { get; init; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Runs 20 ms steps until the near side finished (and the far side too, unless cut), or the limit of line time.</summary>
    public bool Run(TimeSpan limit)
    {
        while (Elapsed < limit)
        {
            var cut = CutAfter is { } at && Elapsed >= at;
            Carry(near, cut ? null : far);
            if (!cut) Carry(far, near);
            else near.Receive(new short[FaxSession.SamplesPerFrame]);
            Elapsed += TimeSpan.FromMilliseconds(20);
            if (near.IsFinished && (cut || far.IsFinished)) return true;
        }

        return false;
    }

    private void Carry(FaxSession from, FaxSession? to)
    {
        from.Transmit(_frame);
        G711.Encode(law, _frame, _codes);
        G711.Decode(law, _codes, _decoded);
        to?.Receive(_decoded);
    }
}
