namespace Ivr.OperationsConsole.Statistics;

/// <summary>What the statistics page shows for a date range (see API.md for each figure's definition).</summary>
public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    string? FlowVersion,
    StatisticsTotals Totals,
    IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<HourCount> ByHour,
    IReadOnlyList<DispositionCount> Dispositions,
    IReadOnlyList<MenuFunnel> Funnel,
    IReadOnlyList<DropOff> DropOff,
    IReadOnlyList<string> FlowVersions)
{
    /// <summary>The answering node the figures are limited to; null: every node (<see cref="StatisticsNodeFilter"/>).</summary>
    public string? Node { get; init; }
}

public sealed record StatisticsTotals(
    int Calls,
    int Ended,
    int Contained,
    double? ContainmentRate,
    int Transferred,
    int HungUpInIvr,
    int InputFailed,
    int Errors,
    long VoiceMessages,
    long? Faxes,
    SurveySummary Survey);

public sealed record SurveySummary(int Responses, double? Average, IReadOnlyDictionary<string, int> Scores);

public sealed record DayCount(DateOnly Day, int Calls, int Transferred, int Contained);

public sealed record HourCount(int Hour, int Calls);

public sealed record DispositionCount(string Disposition, int Calls);

/// <summary>Where callers went from a menu; <c>Key</c> is the menu's key that leads there in its version (null: a timeout,
/// the back key, another way out).</summary>
public sealed record MenuChoice(string Node, int Calls, string? Key);

/// <summary>One menu as its flow versions had it (<see cref="MenuShape"/>): the calls of the <c>FlowVersions</c> that ran it.
/// A menu changed between versions has one row per shape; <c>FilesMissing</c>: the versions' files are gone from the history,
/// so the menu is shown by id as the version serving now names it.</summary>
public sealed record MenuFunnel(string Menu, int Entered, int Abandoned, int TransferredFrom, IReadOnlyList<MenuChoice> Choices,
    IReadOnlyList<string> Prompt, IReadOnlyList<MenuOption> Options, IReadOnlyList<string> FlowVersions, bool FilesMissing);

public sealed record DropOff(string Node, int Abandoned);
