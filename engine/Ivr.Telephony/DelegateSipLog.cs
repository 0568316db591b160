using Ivr.Sip;

namespace Ivr.Telephony;

/// <summary>Adapts the SIP layer's <see cref="ISipLog"/> to a host's line logger.</summary>
public sealed class DelegateSipLog(Action<string> write) : ISipLog
{
    public void Info(string message) => write($"sip: {message}");

    public void Warning(string message) => write($"sip: warning: {message}");
}
