namespace Ivr.Host.Commands;

/// <summary>The back-end operations the hotline's service answers (Ivr.Data's ServiceLookupService).</summary>
public static class KnownOperations
{
    public static readonly IReadOnlyCollection<string> All =
    [
        "auth.verify_pin", "card.report_loss", "card.change_pin", "pension.summary", "contributions.summary",
        "appraisal.lookup", "voice_message.save", "followup.create", "survey.save",
        "fax.check_time", "fax.schedule", Assist.AssistLookups.CheckReturn, Assist.AssistLookups.SaveResult,
    ];
}
