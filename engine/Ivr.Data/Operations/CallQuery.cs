namespace Ivr.Data.Operations;

/// <summary>
/// A search over recorded calls. <see cref="Number"/> is matched against the stored number in clear
/// (exactly, or as its ending when <see cref="NumberIsSuffix"/>) and never returned: results carry the
/// masked number only.
/// </summary>
public sealed record CallQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Number = null,
    bool NumberIsSuffix = false,
    string? Disposition = null,
    int Limit = 100);
