namespace Ivr.Data.Operations;

/// <summary>
/// A search over recorded calls, newest first. <see cref="Number"/> is matched against the stored number in clear
/// (exactly, or as its ending when <see cref="NumberIsSuffix"/>, through the indexed <c>caller_tail</c>) and never
/// returned: results carry the masked number only. <see cref="Node"/> is the node that answered the call;
/// <see cref="After"/> continues a previous page (keyset paging: the calls older than that one).
/// </summary>
public sealed record CallQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Number = null,
    bool NumberIsSuffix = false,
    string? Disposition = null,
    int Limit = 100,
    string? FlowVersion = null,
    string? Node = null,
    CallCursor? After = null);
