namespace Ivr.Data.Accounts;

/// <summary>
/// One line of the console's access log: who (<see cref="User"/>, null before sign-in), when, from where,
/// what (<see cref="Action"/> on <see cref="Target"/>) and how it ended. Never holds a caller's number,
/// an ID or a card number in clear.
/// </summary>
public sealed record AccessLogEntry(
    long Id,
    DateTimeOffset At,
    string? User,
    string Ip,
    string Action,
    string Target,
    string Outcome,
    string? Detail = null);
