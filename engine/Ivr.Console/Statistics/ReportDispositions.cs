namespace Ivr.OperationsConsole.Statistics;

/// <summary>The call dispositions the statistics report counts apart (<c>calls.disposition</c>).</summary>
public static class ReportDispositions
{
    public const string Transferred = "transferred";
    public const string Abandoned = "abandoned";
    public const string InputFailed = "input_failed";
    public const string Error = "error";
}
