namespace Ivr.Media.Srtp;

/// <summary>
/// The rollover counter (ROC) and highest sequence number s_l of one SRTP stream, and the 48-bit packet index
/// i = 2^16 · ROC + SEQ a sequence number stands for (RFC 3711 §3.3.1, Appendix A): a number far below s_l after a
/// wrap belongs to the next ROC, one far above s_l before a wrap to the previous one.
/// </summary>
internal sealed class SrtpIndexTracker
{
    private bool _started;
    private ushort _highest;

    public uint Roc { get; private set; }

    /// <summary>The index <paramref name="sequence"/> stands for, and the ROC it was guessed with (v in §3.3.1).</summary>
    public (ulong Index, uint Roc) Estimate(ushort sequence)
    {
        if (!_started) return (((ulong)Roc << 16) | sequence, Roc);
        long v = Roc;
        if (_highest < 32768)
        {
            if (sequence - _highest > 32768) v = Roc - 1L;
        }
        else if (_highest - 32768 > sequence)
        {
            v = Roc + 1L;
        }

        var roc = (uint)v;
        return (((ulong)roc << 16) | sequence, roc);
    }

    public void Reset()
    {
        _started = false;
        _highest = 0;
        Roc = 0;
    }

    /// <summary>Records a packet that passed authentication (§3.3.1: update ROC and s_l only then).</summary>
    public void Update(ushort sequence, uint roc)
    {
        if (!_started)
        {
            _started = true;
            _highest = sequence;
            Roc = roc;
            return;
        }

        if (roc == Roc + 1)
        {
            Roc = roc;
            _highest = sequence;
        }
        else if (roc == Roc && sequence > _highest)
        {
            _highest = sequence;
        }
    }
}
