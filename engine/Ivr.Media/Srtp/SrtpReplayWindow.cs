namespace Ivr.Media.Srtp;

/// <summary>
/// The replay list of RFC 3711 §3.3.2 as a sliding window of 64 indices behind the highest one received: an index
/// seen before, or older than the window, is a replay. <see cref="IsReplay"/> checks before authentication,
/// <see cref="Accept"/> records after it (so a forged packet cannot move the window).
/// </summary>
internal sealed class SrtpReplayWindow
{
    public const int Size = 64;

    private bool _started;
    private ulong _highest;
    private ulong _seen;

    public bool IsReplay(ulong index)
    {
        if (!_started || index > _highest) return false;
        var behind = _highest - index;
        return behind >= Size || (_seen & (1UL << (int)behind)) != 0;
    }

    public void Reset()
    {
        _started = false;
        _highest = 0;
        _seen = 0;
    }

    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _seen = 1;
        }
        else if (index > _highest)
        {
            var shift = index - _highest;
            _seen = shift >= Size ? 1 : (_seen << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            _seen |= 1UL << (int)(_highest - index);
        }
    }
}
