using Ivr.Core.Calls;
using Ivr.Data.Calls;

namespace Ivr.Data.Operations;

/// <summary>
/// A call as search and export list it: the caller masked, the path as stored (<see cref="CallPathText"/>), so the
/// CSV export writes it without splitting and joining it again.
/// </summary>
public sealed record CallListing(string CallId, string CallerMasked, string Dialled, string FlowVersion, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, string? Disposition, string Path)
{
    public CallSummary ToSummary() => new(CallId, CallerMasked, Dialled, StartedAt, EndedAt, Disposition, FlowVersion, CallPathText.Split(Path));
}
