using System.Diagnostics;
using Ivr.Data.Retention;
using Ivr.Host.Maintenance;

namespace Ivr.Host.Commands;

/// <summary>
/// <c>ivr db prune [--dry-run] [--retention FILE]</c>: what the server does daily, now — deletes the detail older than
/// deploy/retention.yaml keeps, prints the counts per kind and the time, and audits it. <c>--dry-run</c> only counts.
/// </summary>
internal static class DbPruneVerb
{
    public static async Task<int> RunAsync(CommandLine line, IvrPaths paths, CancellationToken cancellation)
    {
        RetentionFile retention;
        try
        {
            retention = RetentionFile.Load(line.Get("retention"));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"ivr db: {ex.Message}");
            return 1;
        }

        var database = paths.OpenDatabase();
        var dryRun = line.Has("dry-run");
        Ivr.Data.Security.HashKey hashKey;
        var keyBound = true;
        try
        {
            // A dry run makes, binds and re-keys nothing: it reads the key the real run would use.
            if (dryRun) (hashKey, keyBound) = await Secrets.DeploymentHashKey.OpenToReadAsync(paths, database, cancellation);
            else hashKey = await Secrets.DeploymentHashKey.OpenAsync(paths, database, TimeProvider.System, Console.Error.WriteLine, cancellation);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ivr db: hash key: {ex.Message}");
            return 1;
        }

        var recordings = Path.Combine(paths.Data, "recordings");
        var watch = Stopwatch.StartNew();
        var counts = dryRun
            ? await new RetentionPruner(database, recordings, hashKey).CountAsync(retention.Policy, TimeProvider.System.GetUtcNow(), cancellation, storedKeysUnkeyed: !keyBound)
            : await RetentionRun.PruneAsync(database, recordings, hashKey, retention.Policy, TimeProvider.System, "ivr db prune", _ => { }, cancellation);
        var verb = dryRun ? "would prune" : "pruned";
        var p = retention.Policy;
        Console.WriteLine($"call_events        {counts.CallEvents,12:N0}  (kept {p.CallEvents.TotalDays:0} days)");
        Console.WriteLine($"recordings         {counts.Recordings,12:N0}  (handled voice messages, kept {p.HandledRecordings.TotalDays:0} days)");
        Console.WriteLine($"access_log         {counts.AccessLog,12:N0}  (kept {p.AccessLog.TotalDays:0} days)");
        Console.WriteLine($"fax_numbers        {counts.FaxNumbers,12:N0}  (masked after {p.FaxNumbers.TotalDays:0} days)");
        Console.WriteLine($"pin_attempts       {counts.PinAttempts,12:N0}  (kept {p.PinAttempts.TotalDays:0} days; never an ID locked now)");
        Console.WriteLine($"pin_lock_origins   {counts.PinLockOrigins,12:N0}  (with their PIN alerts, kept {p.PinLockOrigins.TotalDays:0} days; never an ID locked now)");
        Console.WriteLine($"handoff_tokens     {counts.HandoffTokens,12:N0}  (transfer contexts and assist results, once expired)");
        Console.WriteLine($"{database.Path}: {verb} {counts.Total:N0} in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
