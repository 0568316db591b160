namespace Ivr.Telephony.Outbound;

/// <summary>
/// The end of dialling: the <see cref="Outcome"/>, its snake_case <see cref="Reason"/> (answered, busy, no_answer,
/// rejected, auth_failed, unreachable, cancelled), the SIP status (0 when none came back), and on answer the
/// connected <see cref="Call"/> — which the receiver must hang up.
/// </summary>
public sealed record OutboundDialResult(OutboundOutcome Outcome, int StatusCode, string Detail, OutboundCall? Call = null)
{
    public bool IsAnswered => Outcome == OutboundOutcome.Answered;

    public string Reason => ReasonOf(Outcome);

    public static string ReasonOf(OutboundOutcome outcome) => outcome switch
    {
        OutboundOutcome.Answered => "answered",
        OutboundOutcome.Busy => "busy",
        OutboundOutcome.NoAnswer => "no_answer",
        OutboundOutcome.Rejected => "rejected",
        OutboundOutcome.AuthFailed => "auth_failed",
        OutboundOutcome.Unreachable => "unreachable",
        _ => "cancelled",
    };

    public override string ToString() => StatusCode > 0 ? $"{Reason} ({StatusCode} {Detail})" : $"{Reason} ({Detail})";
}
