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
    IReadOnlyList<string> FlowVersions);

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

public sealed record MenuChoice(string Node, int Calls);

public sealed record MenuFunnel(string Menu, int Entered, int Abandoned, int TransferredFrom, IReadOnlyList<MenuChoice> Choices);

public sealed record DropOff(string Node, int Abandoned);
