using System.Data.Common;
using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Operations;

namespace Ivr.Data.Rollups;

/// <summary>
/// Splits by answering node the path rollups kept before migration 25 (<c>answering_node = ''</c>), a day per
/// transaction, oldest first, each listed day once (<c>rollup_path_nodes_pending</c>). A day's rows become the path facts
/// of its rolled-up calls per <c>calls.node</c> (<see cref="CallRollup.Paths"/> of <c>calls.path</c>), plus, under "", what
/// those calls cannot account for (calls whose events were gone before their path was kept); the day's and its month's
/// sums over nodes stay the same. A day whose rows hold less than its calls (they disagree) is left as it is.
/// Writers are held off meanwhile (SQLite's write transaction; on PostgreSQL a table lock), so no call is counted twice.
/// </summary>
internal static class RollupNodeSplit
{
    /// <returns>The days split.</returns>
    public static async Task<long> RunAsync(IvrDatabase database, CancellationToken cancellation)
    {
        long split = 0;
        while (!cancellation.IsCancellationRequested)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = connection.BeginWrite();
            if (connection.Dialect() == DatabaseDialect.PostgreSql)
                await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE rollup_paths IN SHARE ROW EXCLUSIVE MODE;", transaction: transaction, cancellationToken: cancellation));
            var day = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT day FROM rollup_path_nodes_pending ORDER BY day LIMIT 1;", transaction: transaction, cancellationToken: cancellation));
            if (day is null) break;
            if (await SplitAsync(connection, transaction, day, cancellation)) split++;
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rollup_path_nodes_pending WHERE day = @day;", new { day }, transaction, cancellationToken: cancellation));
            await transaction.CommitAsync(cancellation);
        }
        return split;
    }

    private static async Task<bool> SplitAsync(DbConnection connection, DbTransaction transaction, string day, CancellationToken cancellation)
    {
        var before = (await connection.QueryAsync<(string Version, string Answering, string Kind, string Node, string Next, long Calls)>(new CommandDefinition(
                "SELECT flow_version, answering_node, kind, node, next, calls FROM rollup_paths WHERE day = @day;", new { day }, transaction, cancellationToken: cancellation)))
            .ToDictionary(r => new PathKey(day, r.Version, r.Answering, r.Kind, r.Node, r.Next), r => r.Calls);
        var target = await FromCallsAsync(connection, transaction, day, cancellation);

        var (counted, accounted) = (OverNodes(before), OverNodes(target));
        foreach (var fact in counted.Keys.Union(accounted.Keys))
        {
            var unaccounted = counted.GetValueOrDefault(fact) - accounted.GetValueOrDefault(fact);
            if (unaccounted < 0) return false;
            if (unaccounted > 0) target[fact] = target.GetValueOrDefault(fact) + unaccounted;
        }

        var tally = new RollupTally();
        foreach (var key in before.Keys.Union(target.Keys)) tally.AddPath(key, target.GetValueOrDefault(key) - before.GetValueOrDefault(key));
        tally.Write(connection, transaction);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM rollup_paths WHERE day = @day AND calls = 0;
            DELETE FROM rollup_path_months WHERE month = @month AND calls = 0;
            """, new { day, month = day[..7] }, transaction, cancellationToken: cancellation));
        return true;
    }

    /// <summary>The path facts of the day's rolled-up calls whose path is kept, per answering node.</summary>
    private static async Task<Dictionary<PathKey, long>> FromCallsAsync(DbConnection connection, DbTransaction transaction, string day, CancellationToken cancellation)
    {
        var start = RollupClock.Start(DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var calls = await connection.QueryAsync<(string Id, string Version, string StartedAt, string? Disposition, string? Node, string Path)>(new CommandDefinition("""
            SELECT id, flow_version, started_at, disposition, node, path FROM calls
            WHERE started_at >= @from AND started_at < @to AND rolled_up = 1 AND path IS NOT NULL;
            """, new { from = DbTime.ToText(start), to = DbTime.ToText(start.AddDays(1)) }, transaction, cancellationToken: cancellation));
        var facts = new Dictionary<PathKey, long>();
        foreach (var c in calls)
        {
            var call = new CallFacts(c.Id, c.Version, DbTime.FromText(c.StartedAt), null, c.Disposition ?? "", false, CallPathText.Split(c.Path));
            foreach (var p in CallRollup.Paths(call))
            {
                var key = PathKey.Of(p, c.Node ?? "");
                facts[key] = facts.GetValueOrDefault(key) + p.Calls;
            }
        }
        return facts;
    }

    /// <summary>Each fact's count summed over answering nodes, keyed with <see cref="PathKey.Answering"/> "".</summary>
    private static Dictionary<PathKey, long> OverNodes(Dictionary<PathKey, long> rows)
    {
        var sums = new Dictionary<PathKey, long>();
        foreach (var (key, calls) in rows) sums[key with { Answering = "" }] = sums.GetValueOrDefault(key with { Answering = "" }) + calls;
        return sums;
    }
}
