using Ivr.Data.Rollups;

namespace Ivr.OperationsConsole.Statistics;

/// <summary>What the database sums for a statistics report: rolled-up calls per day, per hour and their paths,
/// survey answers per score, voice messages and faxes (null without the fax tables).</summary>
public sealed record RollupFigures(
    IReadOnlyList<CallBucket> Days,
    IReadOnlyList<(int Hour, long Calls)> Hours,
    IReadOnlyList<PathCount> Paths,
    IReadOnlyList<(int Score, long Count)> SurveyScores,
    long VoiceMessages,
    long? Faxes);
