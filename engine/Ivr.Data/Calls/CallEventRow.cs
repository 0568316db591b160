namespace Ivr.Data.Calls;

/// <summary>A <c>call_events</c> row as Dapper reads it.</summary>
internal sealed class CallEventRow
{
    public string CallId { get; set; } = "";
    public long Seq { get; set; }
    public string At { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Node { get; set; }
    public string? Outcome { get; set; }
    public string? Detail { get; set; }
    public string FlowVersion { get; set; } = "";
}
