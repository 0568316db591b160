namespace Ivr.Sip.Message;

/// <summary>
/// Whether a parsed message is semantically acceptable; when not, the status a UAS answers with
/// (400, 505…) and the reason phrase to put in that response.
/// </summary>
public readonly record struct SipValidationResult(int StatusCode, string? Reason)
{
    public static SipValidationResult Valid { get; } = new(0, null);

    public bool IsValid => StatusCode == 0;

    public static SipValidationResult BadRequest(string reason) => new(400, reason);
}
