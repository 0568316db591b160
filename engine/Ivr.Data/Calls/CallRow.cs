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
}
