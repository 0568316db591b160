namespace Ivr.OperationsConsole.Security;

/// <summary>A sign-in's outcome: the new session's cookie token on success, how long to wait when throttled.</summary>
public sealed record SignInResult(SignInOutcome Outcome, string? Token = null, ConsoleSession? Session = null, TimeSpan RetryAfter = default);
