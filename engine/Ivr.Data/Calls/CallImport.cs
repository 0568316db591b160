using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>A whole recorded call: its start, its events and, once it has ended, when and how.</summary>
public sealed record ImportedCall(CallStart Start, IReadOnlyList<CallEvent> Events, DateTimeOffset? EndedAt, string? Disposition);

/// <summary>
/// Writes whole calls in one transaction, with the recorder's own statements (<see cref="CallWriteBatch"/>, the
/// statistics rollups included): bulk loads for benchmarks and imports, thousands of calls per transaction.
/// </summary>
public static class CallImport
{
    public static void Write(IvrDatabase database, IReadOnlyList<ImportedCall> calls, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(calls);
        var items = new List<object>(calls.Count * 24);
        foreach (var call in calls)
        {
            items.Add(call.Start);
            items.AddRange(call.Events);
            if (call is { EndedAt: { } end, Disposition: { } disposition }) items.Add(new CallEnd(call.Start.CallId, end, disposition));
        }
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginWrite();
        CallWriteBatch.Write(connection, transaction, items, node);
        transaction.Commit();
    }
}
