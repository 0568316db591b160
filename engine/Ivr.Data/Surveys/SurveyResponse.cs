namespace Ivr.Data.Surveys;

/// <summary>A caller's satisfaction score: 1 满意, 2 基本满意, 3 不满意.</summary>
public sealed record SurveyResponse(long Id, string CallId, int Score, DateTimeOffset At)
{
    public const int Satisfied = 1;
    public const int FairlySatisfied = 2;
    public const int Dissatisfied = 3;
}
