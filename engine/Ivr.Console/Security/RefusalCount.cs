namespace Ivr.OperationsConsole.Security;

/// <summary>Refused requests from one address (and signed-in user, if any) for one reason in one minute that were counted, not logged one by one.</summary>
internal sealed record RefusalCount(DateTimeOffset Minute, string Ip, string Outcome, string? User, int Count);
