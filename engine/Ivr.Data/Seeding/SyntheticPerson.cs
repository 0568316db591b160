using Ivr.Data.Appraisals;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;

namespace Ivr.Data.Seeding;

/// <summary>One generated person and their rows; <see cref="PinHash"/> is filled in by the seeder's
/// parallel hashing step.</summary>
internal sealed class SyntheticPerson
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Region { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string Pin { get; init; }
    public required string CardNumber { get; init; }
    public required string Serial { get; init; }
    public required ContributionRecord Contributions { get; init; }
    public Pension? Pension { get; init; }
    public Appraisal? Appraisal { get; init; }
    public string? PinHash { get; set; }
}
