namespace Ivr.Sip;

/// <summary>An <see cref="ISipLog"/> that discards everything.</summary>
public sealed class NullSipLog : ISipLog
{
    public static readonly NullSipLog Instance = new();

    public void Info(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
