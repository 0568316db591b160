namespace Ivr.Data.Migrations;

/// <summary>
/// The path of an ended call kept on its row (issue 17, fast CSV export): <c>calls.path</c> is the nodes the call
/// entered, in order, separated by single spaces (<see cref="Calls.CallPathText"/>; empty when it entered none), written
/// in the transaction that rolls the call up. Null while the call is in progress, and on rows ended before this
/// version until <see cref="Rollups.RollupCatchUp"/> has filled them in from their events; the partial index lists
/// exactly those, so the backfill finds them without a scan. Search and export read the column, and a call keeps its
/// path after its <c>call_events</c> are pruned. Version 17: 14 to 16 and 18 on belong to other work.
/// </summary>
internal static class M017CallPaths
{
    public static readonly Migration Migration = new(17, "call paths on the call row", """
        ALTER TABLE calls ADD COLUMN path TEXT;
        CREATE INDEX ix_calls_path_pending ON calls (started_at) WHERE path IS NULL AND ended_at IS NOT NULL;
        """);
}
