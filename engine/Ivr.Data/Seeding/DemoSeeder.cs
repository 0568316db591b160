using System.Diagnostics;
using Dapper;
using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.People;
using Ivr.Data.Security;
using System.Data.Common;

namespace Ivr.Data.Seeding;

/// <summary>
/// Fills a database with synthetic residents: the fixed <see cref="DemoIdentities"/> first (PINs
/// hashed at the production count), then <c>people</c> generated people, deterministic for a
/// seed and as-of date. Re-seeding replaces all resident data (people, cards, pensions,
/// contributions, appraisals, PIN lockout state); calls, messages and audit are kept.
/// Generation, parallel PIN hashing (at a low count recorded in each hash) and batched inserts
/// overlap, so a million people take minutes, not hours.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The fixed demo set, for the README and for testers at the keypad.</summary>
    public static IReadOnlyList<DemoIdentity> DemoIdentities { get; } = DemoSet.Records.Select(r => r.Identity).ToList();

    /// <summary>Seeds <paramref name="people"/> synthetic people (plus the demo set) as of today in China.</summary>
    public static SeedReport Seed(string dbPath, int people, int seed)
        => Seed(dbPath, people, seed, SeedOptions.Today(TimeProvider.System));

    public static SeedReport Seed(string dbPath, int people, int seed, SeedOptions options)
        => Seed(IvrDatabase.Open(dbPath), people, seed, options);

    /// <summary>Seeds an open database, SQLite or PostgreSQL.</summary>
    public static SeedReport Seed(IvrDatabase database, int people, int seed, SeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var watch = Stopwatch.StartNew();
        var sqlite = database.Dialect == DatabaseDialect.Sqlite;
        using var connection = database.OpenConnection();
        if (sqlite) connection.Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;");

        ClearResidents(connection);
        InsertDemoSet(connection, new PinHasher(options.DemoPinIterations));
        var (pensions, appraisals) = InsertSynthetic(connection, people, seed, options);
        pensions += DemoSet.Records.Count(r => r.Pension is not null);
        appraisals += DemoSet.Records.Count(r => r.Appraisal is not null);
        // Back to every connection's settings (IvrDatabase): this pooled connection serves the call recorder and the console next.
        connection.Execute(sqlite ? "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000; PRAGMA optimize;" : "ANALYZE;");
        return new SeedReport(DemoSet.Records.Count, people, pensions, appraisals, watch.Elapsed);
    }

    private static void ClearResidents(DbConnection connection)
    {
        using var transaction = connection.BeginWrite();
        connection.Execute("""
            DELETE FROM appraisals; DELETE FROM contributions; DELETE FROM pensions; DELETE FROM cards;
            DELETE FROM people; DELETE FROM pin_failures; DELETE FROM pin_locks; DELETE FROM pin_attempts; DELETE FROM pin_lock_origins; DELETE FROM pin_alarms;
            """, transaction: transaction);
        transaction.Commit();
    }

    private static void InsertDemoSet(DbConnection connection, PinHasher hasher)
    {
        var hashes = DemoSet.Records.AsParallel().AsOrdered().Select(r => hasher.Hash(r.Identity.Pin)).ToList();
        var ct = CancellationToken.None;
        using var transaction = connection.BeginWrite();
        for (var i = 0; i < DemoSet.Records.Count; i++)
        {
            var r = DemoSet.Records[i];
            var id = r.Identity;
            new PersonRepository(connection, transaction).InsertAsync(new Person(id.Id, id.Name, r.Region, r.BirthDate, hashes[i]), ct).GetAwaiter().GetResult();
            var card = new Card(id.CardNumber, id.Serial, id.Id, r.CardLostAt is null ? CardStatus.Active : CardStatus.Lost, r.CardLostAt, r.LossReference);
            new CardRepository(connection, transaction).InsertAsync(card, ct).GetAwaiter().GetResult();
            new ContributionRepository(connection, transaction).InsertAsync(r.Contributions, ct).GetAwaiter().GetResult();
            if (r.Pension is { } pension) new PensionRepository(connection, transaction).InsertAsync(pension, ct).GetAwaiter().GetResult();
            if (r.Appraisal is { } appraisal) new AppraisalRepository(connection, transaction).InsertAsync(appraisal, ct).GetAwaiter().GetResult();
            if (r.PinLockedUntil is { } until) new PinLockStore(connection, transaction).LockAsync(id.Id, until, ct).GetAwaiter().GetResult();
        }
        transaction.Commit();
    }

    private static (int Pensions, int Appraisals) InsertSynthetic(DbConnection connection, int people, int seed, SeedOptions options)
    {
        var generator = new SyntheticPeople(seed, options.AsOf, DemoSet.Records.Select(r => r.Identity.Id));
        var hasher = new PinHasher(options.BulkPinIterations);
        var writer = new BulkWriter(connection);
        Task<(int, int)>? pending = null;
        int pensions = 0, appraisals = 0, done = 0;
        while (done < people)
        {
            var batch = new SyntheticPerson[Math.Min(options.BatchSize, people - done)];
            for (var i = 0; i < batch.Length; i++) batch[i] = generator.Next();
            Parallel.For(0, batch.Length, i => batch[i].PinHash = hasher.Hash(batch[i].Pin));
            if (pending is not null) Add(pending.GetAwaiter().GetResult());
            pending = Task.Run(() => writer.Write(batch));
            done += batch.Length;
            options.Progress?.Invoke($"generated {done:N0} / {people:N0} people");
        }
        if (pending is not null) Add(pending.GetAwaiter().GetResult());
        return (pensions, appraisals);

        void Add((int Pensions, int Appraisals) written)
        {
            pensions += written.Pensions;
            appraisals += written.Appraisals;
        }
    }
}
