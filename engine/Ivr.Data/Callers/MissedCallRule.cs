using Ivr.Core.Calls;

namespace Ivr.Data.Callers;

/// <summary>
/// Which calls the 回拨 list returns ("未接来电应及时回复"). A call is <b>missed</b> when it ended by the caller hanging up
/// (disposition <c>abandoned</c>) or by a failure of ours (<c>error</c>, <c>node_lost</c>, <c>server_lost</c>) and either
/// <list type="bullet">
/// <item>it was waiting for an agent or in a transfer: a <c>TransferRequested</c> event with no <c>TransferCompleted</c> after it, or</item>
/// <item>it was never served: no lookup answered <c>ok</c> (no self-service answer given, no voice message saved).</item>
/// </list>
/// A call is <b>served</b> when its disposition is <c>completed</c>, <c>transferred</c> or <c>fax_sent</c>, or when a
/// lookup answered <c>ok</c> and it is not missed. <c>input_failed</c> (the line stayed silent; we said goodbye) is neither.
/// A caller number leaves the list once a later call from it was served or an agent marked it called back; it comes
/// back with its next missed call. Withheld numbers (empty, <c>anonymous</c>) cannot be returned and are left out.
/// </summary>
public static class MissedCallRule
{
    public static readonly IReadOnlyList<string> EndedByHangUpOrFailure = ["abandoned", "error", "node_lost", "server_lost"];

    public static readonly IReadOnlyList<string> ServedDispositions = ["completed", "transferred", "fax_sent"];

    /// <summary>An agent should return the call within this many working days (the next working day).</summary>
    public const int CallbackWorkingDays = 1;

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static readonly string InTransfer = $"""
        EXISTS (SELECT 1 FROM call_events t WHERE t.call_id = c.id AND t.kind = '{nameof(CallEventKind.TransferRequested)}'
                AND NOT EXISTS (SELECT 1 FROM call_events u WHERE u.call_id = c.id AND u.kind = '{nameof(CallEventKind.TransferCompleted)}' AND u.seq > t.seq))
        """;

    private static readonly string AnsweredLookup = $"""
        EXISTS (SELECT 1 FROM call_events l WHERE l.call_id = c.id AND l.kind = '{nameof(CallEventKind.LookupCompleted)}' AND l.outcome = 'ok')
        """;

    /// <summary>SQL condition on <c>calls c</c>: the call is missed.</summary>
    public static readonly string MissedSql =
        $"(c.disposition IN ({List(EndedByHangUpOrFailure)}) AND ({InTransfer} OR NOT {AnsweredLookup}))";

    /// <summary>SQL condition on <c>calls c</c>: the call was served.</summary>
    public static readonly string ServedSql =
        $"(c.disposition IN ({List(ServedDispositions)}) OR (c.disposition IS NOT NULL AND c.disposition <> 'input_failed' AND NOT {MissedSql} AND {AnsweredLookup}))";

    public static bool IsWithheld(string caller) => caller.Length == 0 || caller.Equals("anonymous", StringComparison.OrdinalIgnoreCase);
}
