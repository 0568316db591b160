using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Tests;

/// <summary>A call through the recorder as a flow run would write it: started on flow version <c>v1</c>, one
/// <c>NodeEntered</c> a second for each node of its path, ended 30 s after its start unless the disposition is null.
/// The caller number is <c>139000</c> and the id with every non-digit as 0 (a search by number ending finds it).</summary>
public static class RecordedCall
{
    public static void Record(SqliteCallRecorder recorder, string id, DateTimeOffset at, string? disposition, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(id);
        recorder.CallStarted(new CallStart(id, "139000" + new string(id.Select(c => char.IsAsciiDigit(c) ? c : '0').ToArray()).PadLeft(5, '0'), "12333", "v1", "main", at));
        var seq = 0;
        foreach (var node in path) recorder.Append(new CallEvent(id, seq++, at.AddSeconds(seq), CallEventKind.NodeEntered, "v1", node));
        if (disposition is not null) recorder.CallEnded(id, at.AddSeconds(30), disposition);
    }
}
