namespace Ivr.OperationsConsole.Security;

/// <summary>How a sign-in ended.</summary>
public enum SignInOutcome
{
    SignedIn,
    InvalidCredentials,
    TooManyAttempts,
}
