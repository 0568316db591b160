namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Keeps the log of refused requests bounded: per minute, the first <c>loggedPerMinute</c> refusals of
/// each (client address, reason, signed-in user) are logged in full and the rest only counted, so a flood
/// costs at most a few rows a minute per address. The user is only that of a session (accounts are few),
/// never a name someone typed, so the bound holds for strangers. At most <see cref="MaxAddresses"/> addresses are told apart per
/// minute; refusals from any further address are counted together under <see cref="OtherAddresses"/>.
/// </summary>
internal sealed class RefusalDigest(TimeProvider time, int loggedPerMinute)
{
    /// <summary>Distinct (address, reason, user) keys told apart per minute.</summary>
    public const int MaxAddresses = 1000;
    public const string OtherAddresses = "(other addresses)";

    private readonly object _gate = new();
    private readonly Dictionary<(string Ip, string Outcome, string? User), int> _counts = [];
    private readonly List<RefusalCount> _ended = [];
    private DateTimeOffset _minute = DateTimeOffset.MinValue;

    /// <returns>True when this refusal is to be logged in full; false when it has only been counted.</returns>
    public bool Admit(string ip, string outcome, string? signedInUser)
    {
        lock (_gate)
        {
            Roll();
            var key = (ip, outcome, signedInUser);
            if (!_counts.ContainsKey(key) && _counts.Count >= MaxAddresses) key = (OtherAddresses, outcome, null);
            var count = _counts.GetValueOrDefault(key) + 1;
            _counts[key] = count;
            return count <= loggedPerMinute && key.Item1 != OtherAddresses;
        }
    }

    /// <summary>The counted (not logged) refusals of the minutes that have ended, each once.</summary>
    public IReadOnlyList<RefusalCount> TakeEnded()
    {
        lock (_gate)
        {
            Roll();
            var ended = _ended.ToList();
            _ended.Clear();
            return ended;
        }
    }

    private void Roll()
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (minute == _minute) return;
        foreach (var ((ip, outcome, user), count) in _counts)
        {
            var unlogged = ip == OtherAddresses ? count : count - loggedPerMinute;
            if (unlogged > 0) _ended.Add(new RefusalCount(_minute, ip, outcome, user, unlogged));
        }

        _counts.Clear();
        _minute = minute;
    }
}
