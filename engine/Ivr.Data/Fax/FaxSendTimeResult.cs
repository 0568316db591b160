namespace Ivr.Data.Fax;

/// <param name="Due">The instant asked for (also when refused, so the caller can be told).</param>
/// <param name="Problem">For <see cref="FaxSendTimeOutcome.Invalid"/>: what was wrong with the input.</param>
public sealed record FaxSendTimeResult(FaxSendTimeOutcome Outcome, DateTimeOffset Due, string? Problem = null)
{
    public static FaxSendTimeResult Invalid(string problem) => new(FaxSendTimeOutcome.Invalid, default, problem);
}
