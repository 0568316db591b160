namespace Ivr.Data.Seeding;

/// <summary>What a seeding run wrote and how long it took.</summary>
public sealed record SeedReport(int DemoPeople, int SyntheticPeople, int Pensions, int Appraisals, TimeSpan Elapsed);
