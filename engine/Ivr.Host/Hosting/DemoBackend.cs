using Ivr.Core.Lookups;
using Ivr.Data;
using Ivr.Data.Seeding;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// The service's real back end over the documented demo identities, for replays: seeded once into a
/// template database, then copied afresh for every script so that one script's wrong PINs, lockouts
/// or loss reports never leak into the next.
/// </summary>
public sealed class DemoBackend : IAsyncDisposable
{
    /// <summary>The day the demo histories end, fixed so that replays give the same answers every day.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>PBKDF2 count of the replay database's PINs: replays check behaviour, not hash strength,
    /// and a production count would cost a third of a second per PIN entry.</summary>
    public const int ReplayPinIterations = 1000;

    /// <summary>The agents' PBX of the replays' assisted checks (tests/replay/agent_assist): <c>pbx.example</c> is trusted.</summary>
    public static readonly Ivr.Telephony.Transfers.TransferTargets DemoPbx = new(new Dictionary<string, string>(), trustedPbx: ["pbx.example"]);

    private readonly string _folder;
    private readonly string _template;
    private readonly FlowSet _set;
    private int _copies;

    private DemoBackend(string folder, string template, FlowSet set)
    {
        _folder = folder;
        _template = template;
        _set = set;
    }

    public static Task<DemoBackend> CreateAsync(FlowSet set, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("ivr-replay-").FullName;
        var template = Path.Combine(folder, "template.db");
        DemoSeeder.Seed(template, people: 0, seed: 1, new SeedOptions(AsOf, DemoPinIterations: ReplayPinIterations));
        // Close pooled connections so SQLite checkpoints its write-ahead log into the file before
        // it is copied: a copy of the main file alone would miss the seeded rows.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.FromResult(new DemoBackend(folder, template, set));
    }

    /// <summary>A fresh copy of the demo database behind the service's operations, on <paramref name="time"/>.</summary>
    public ILookupService Lookups(TimeProvider time) => Lookups(time, _set);

    /// <summary>The same, with the calendar and fax documents of <paramref name="set"/> (a try-call's, a draft's).</summary>
    public ILookupService Lookups(TimeProvider time, FlowSet set)
    {
        var copy = Path.Combine(_folder, $"script-{Interlocked.Increment(ref _copies)}.db");
        File.Copy(_template, copy);
        Func<DateOnly, int, Ivr.Core.Calendar.WorkingDayDate>? workingDays = set.Calendar is { } calendar ? calendar.CountWorkingDays : null;
        var database = IvrDatabase.Open(copy);
        var service = new ServiceLookupService(database, time, workingDays, new PinHasher(ReplayPinIterations),
            faxDocuments: new FaxDocumentSource(() => set));
        return new Assist.AssistLookups(service, DemoPbx, new Ivr.Data.Handoffs.HandoffTokenStore(database, time), _ => { });
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
