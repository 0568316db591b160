namespace Ivr.Data.Calls;

/// <summary>A <c>calls</c> row as Dapper reads it.</summary>
internal sealed class CallRow
{
    public string Id { get; set; } = "";
    public string CallerMasked { get; set; } = "";
    public string Dialled { get; set; } = "";
    public string FlowVersion { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public string? EndedAt { get; set; }
    public string? Disposition { get; set; }
    /// <summary><c>calls.path</c>: kept once the call is rolled up (<see cref="CallPathText"/>); null before.</summary>
    public string? Path { get; set; }
}
