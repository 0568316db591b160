namespace Ivr.Flows.Model;

/// <summary>Names of the branches nodes leave by; they appear in call events, coverage and diagrams.</summary>
public static class Outcomes
{
    public const string Next = "next";
    public const string Invalid = "invalid";
    public const string NoInput = "no_input";
    public const string Failed = "failed";
    public const string Back = "back";
    public const string Repeat = "repeat";
    public const string Else = "else";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Holiday = "holiday";
    public const string Empty = "empty";
    public const string Transferred = "transferred";
    public const string Hangup = "hangup";
    public const string Return = "return";
    public const string Sent = "sent";
    public const string Unavailable = "unavailable";
}
