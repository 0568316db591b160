namespace Ivr.Sip.Message;

/// <summary>Default reason phrases (RFC 3261 §21).</summary>
public static class SipReasonPhrases
{
    private static readonly Dictionary<int, string> Phrases = new()
    {
        [100] = "Trying", [180] = "Ringing", [181] = "Call Is Being Forwarded", [182] = "Queued",
        [183] = "Session Progress", [200] = "OK", [202] = "Accepted", [400] = "Bad Request",
        [401] = "Unauthorized", [403] = "Forbidden", [404] = "Not Found", [405] = "Method Not Allowed",
        [406] = "Not Acceptable", [408] = "Request Timeout", [413] = "Request Entity Too Large",
        [415] = "Unsupported Media Type", [416] = "Unsupported URI Scheme", [420] = "Bad Extension",
        [480] = "Temporarily Unavailable", [481] = "Call/Transaction Does Not Exist", [482] = "Loop Detected",
        [483] = "Too Many Hops", [486] = "Busy Here", [487] = "Request Terminated", [488] = "Not Acceptable Here",
        [491] = "Request Pending", [500] = "Server Internal Error", [501] = "Not Implemented",
        [503] = "Service Unavailable", [504] = "Server Time-out", [505] = "Version Not Supported",
        [513] = "Message Too Large", [600] = "Busy Everywhere", [603] = "Decline",
    };

    public static string For(int statusCode) =>
        Phrases.TryGetValue(statusCode, out var phrase) ? phrase : statusCode switch
        {
            < 200 => "Progress",
            < 300 => "Success",
            < 400 => "Redirection",
            < 500 => "Client Error",
            < 600 => "Server Error",
            _ => "Global Failure",
        };
}
