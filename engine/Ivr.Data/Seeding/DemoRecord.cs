using Ivr.Data.Appraisals;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;

namespace Ivr.Data.Seeding;

/// <summary>A demo identity with the rows the seeder writes for it.</summary>
internal sealed record DemoRecord(
    DemoIdentity Identity,
    string Region,
    DateOnly BirthDate,
    Pension? Pension,
    ContributionRecord Contributions,
    Appraisal? Appraisal,
    DateTimeOffset? CardLostAt = null,
    string? LossReference = null,
    DateTimeOffset? PinLockedUntil = null);
