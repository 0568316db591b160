using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// One call event bound straight onto SQLite's prepared insert, column by column: the time written on the stack, the
/// kind's name from a table, no array of boxed values — the row <see cref="CallWriteBatch.EventValues"/> describes,
/// allocating nothing (issue 13: a held call's events were most of what it still allocated).
/// </summary>
internal static class SqliteEventRow
{
    /// <summary>Binds <paramref name="e"/> to <paramref name="insert"/> (the parameters in the order of
    /// <see cref="CallWriteBatch.EventColumns"/>) and runs it once.</summary>
    public static void Insert(SqliteRowStatement insert, CallEvent e)
    {
        Span<char> at = stackalloc char[DbTime.InstantLength];
        insert.Text(0, e.CallId);
        insert.Integer(1, e.Sequence);
        insert.Text(2, DbTime.Format(e.At, at));
        insert.Text(3, CallWriteBatch.KindName(e.Kind));
        insert.Text(4, e.Node);
        insert.Text(5, e.Outcome);
        insert.Text(6, e.Detail);
        insert.Text(7, e.FlowVersion);
        insert.Execute();
    }
}
