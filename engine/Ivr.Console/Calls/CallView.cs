using Ivr.Core.Calls;

namespace Ivr.OperationsConsole.Calls;

/// <summary>A recorded call as the API shows it; the caller only masked.</summary>
internal sealed record CallView(string CallId, string CallerMasked, string Dialled, string FlowVersion, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, string? Disposition, long? DurationSeconds, IReadOnlyList<string> Path)
{
    public static CallView Of(CallSummary call) => new(call.CallId, call.CallerMasked, call.Dialled, call.FlowVersion, call.StartedAt,
        call.EndedAt, call.Disposition, call.EndedAt is { } end ? (long)(end - call.StartedAt).TotalSeconds : null, call.Path);
}
