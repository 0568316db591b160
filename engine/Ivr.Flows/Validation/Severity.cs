namespace Ivr.Flows.Validation;

public enum Severity
{
    Error,
    Warning,
}
