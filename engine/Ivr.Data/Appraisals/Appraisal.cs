namespace Ivr.Data.Appraisals;

/// <summary>A labour-capacity appraisal (劳动能力鉴定): its number (劳鉴号码), the person, the
/// conclusion and the disability grade (e.g. 七级, or 未达级).</summary>
public sealed record Appraisal(string Number, string PersonId, string Conclusion, string Grade);
