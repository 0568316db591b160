namespace Ivr.Sip.Message;

/// <summary>Method names (RFC 3261 §7.1 and the extensions a UAS is likely to see).</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Prack = "PRACK";
    public const string Update = "UPDATE";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    /// <summary>Methods this stack knows by name (a known but unsupported method gets 405, an unknown one 501, §8.2.1).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Invite, Ack, Bye, Cancel, Options, Register, Info, Prack, Update, Subscribe, Notify, Refer, Message, Publish,
    };
}
