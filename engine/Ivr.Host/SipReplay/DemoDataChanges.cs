using Ivr.Data.Seeding;
using Ivr.Runtime.Replay;
using Microsoft.Data.Sqlite;

namespace Ivr.Host.SipReplay;

/// <summary>
/// Scripts that change the demo identities on a live server — wrong PINs (counted towards a lock, and
/// a lock is stored), a PIN changed, a card reported lost — would make later scripts of the same
/// identity diverge. The simulated replay copies a fresh database per script; a live replay runs
/// those scripts last, one at a time, and (with <c>--reset-demo</c>) seeds the demo identities afresh
/// after each, as <c>ivr serve</c> seeded them into its brand-new database.
/// </summary>
public static class DemoDataChanges
{
    /// <summary>Prompts heard only when the demo data changed (or a stored lock is reported).</summary>
    private static readonly string[] ChangedPrompts = ["card_loss_done", "card_pin_changed", "pin_locked"];

    /// <summary>Placeholders whose keys change the stored data (a wrong PIN is counted).</summary>
    private static readonly string[] ChangingEntries = ["{wrong_pin}"];

    public static bool Changes(ReplayScript script) => script.Steps.Any(s =>
        s.Kind == ReplayStepKind.Expect && s.Values.Any(ChangedPrompts.Contains)
        || s.Kind == ReplayStepKind.Press && s.Values.Any(v => ChangingEntries.Any(v.Contains)));

    /// <summary>
    /// Puts the six demo identities back as seeded (PINs, locks, cards). Refuses a database holding
    /// anyone else: it is not a demo database, and seeding would delete them.
    /// </summary>
    public static void Reset(string database)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite }.ToString()))
        {
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM people;";
            var people = Convert.ToInt64(count.ExecuteScalar());
            if (people > DemoSeeder.DemoIdentities.Count)
                throw new InvalidOperationException($"{database} holds {people} people, more than the {DemoSeeder.DemoIdentities.Count} demo identities: not a demo database, --reset-demo refuses to reseed it");
        }

        DemoSeeder.Seed(database, people: 0, seed: 12333);
        SqliteConnection.ClearAllPools();
    }
}
