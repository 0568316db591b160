namespace Ivr.Data.Callers;

/// <summary>
/// The 回拨 row of one caller number, from its missed calls and its marks since it was last served, in time order: misses
/// gather until a mark that closes them (<see cref="CallbackOutcomes.KeepsOnList"/> false); a mark that keeps them adds an
/// attempt. The row is the misses still open, else the last closed episode (for the console's filter by outcome), else none.
/// A mark with no miss open before it (marked twice) changes nothing.
/// </summary>
internal static class MissedCallEpisodes
{
    public static MissedCaller? RowOf(string caller, IEnumerable<(string Id, DateTimeOffset At)> misses, IEnumerable<CallbackMark> marks)
    {
        var timeline = misses.Select(m => (m.At, Order: 0, Miss: m, Mark: (CallbackMark?)null))
            .Concat(marks.Select(k => (At: k.MarkedAt, Order: 1, Miss: default((string Id, DateTimeOffset At)), Mark: (CallbackMark?)k)))
            .OrderBy(e => e.At).ThenBy(e => e.Order);
        var episode = new List<(string Id, DateTimeOffset At)>();
        CallbackMark? last = null;
        var attempts = 0;
        MissedCaller? closed = null;
        foreach (var e in timeline)
        {
            if (e.Mark is not { } mark)
            {
                episode.Add(e.Miss);
                continue;
            }

            if (episode.Count == 0) continue;
            last = mark;
            attempts++;
            if (mark.KeepsOnList) continue;
            closed = Row(caller, episode, mark, attempts);
            episode = [];
            last = null;
            attempts = 0;
        }

        return episode.Count > 0 ? Row(caller, episode, last, attempts) : closed;
    }

    private static MissedCaller Row(string caller, List<(string Id, DateTimeOffset At)> episode, CallbackMark? last, int attempts)
        => new(caller, episode.Count, episode[0].At, episode[^1].At, episode[^1].Id, last, attempts);
}
