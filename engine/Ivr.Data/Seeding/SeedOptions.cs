using Ivr.Data.Security;

namespace Ivr.Data.Seeding;

/// <summary>How <see cref="DemoSeeder"/> seeds.</summary>
/// <param name="AsOf">The "today" synthetic histories end at (pensions paid up to the month before).</param>
/// <param name="BulkPinIterations">PBKDF2 count for synthetic people, recorded in each hash (default 100:
/// hashing dominates seeding; at 100 a million people cost about 80 CPU-seconds, at 1 000 ten times that).</param>
/// <param name="DemoPinIterations">PBKDF2 count for the demo identities (production by default).</param>
/// <param name="BatchSize">People per insert transaction.</param>
/// <param name="Progress">Receives a line per batch (counts only).</param>
public sealed record SeedOptions(
    DateOnly AsOf,
    int BulkPinIterations = SeedOptions.DefaultBulkPinIterations,
    int DemoPinIterations = PinHasher.ProductionIterations,
    int BatchSize = 20_000,
    Action<string>? Progress = null)
{
    public const int DefaultBulkPinIterations = 100;

    public static SeedOptions Today(TimeProvider time) => new(ChinaTime.Today(time));
}
