using Ivr.Core.Lookups;
using Ivr.Data.Spool;

namespace Ivr.Data.Services;

/// <summary><c>voice_message.save</c>, <c>followup.create</c> and <c>survey.save</c>: what a call
/// leaves for agents. Every dissatisfied score (3, 不满意) also creates a follow-up. What the database cannot take
/// now is kept in the node's spool (when there is one) and the caller still hears the callback date.</summary>
internal sealed class CallerRequestOperations(ServiceContext context, CallerRequestSpool? spool)
{
    public async Task<LookupResult> SaveVoiceMessageAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var recording = ServiceInputs.Get(inputs, "recording");
        var callback = ServiceInputs.Get(inputs, "callback_number");
        if (callback.Length == 0) callback = ServiceInputs.Get(inputs, ServiceInputs.Caller);
        if (recording.Length == 0 || callback.Length == 0)
        {
            context.Log("voice_message.save: recording or callback number missing");
            return LookupResult.Of(LookupResult.Error);
        }
        var due = context.CallbackDue();
        await WriteOrSpoolAsync("voice_message.save",
            new SpooledVoiceMessage(ServiceInputs.Get(inputs, ServiceInputs.CallId), recording, callback, Reason(inputs, "voice_message"), context.Now,
                due.Date, due.BeyondCalendar),
            cancellation).ConfigureAwait(false);
        return DueDate(due.Date);
    }

    public async Task<LookupResult> CreateFollowUpAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var due = context.CallbackDue();
        await WriteOrSpoolAsync("followup.create",
            new SpooledFollowUp(ServiceInputs.Get(inputs, ServiceInputs.CallId), Reason(inputs, "followup"), context.Now, due.Date, due.BeyondCalendar),
            cancellation).ConfigureAwait(false);
        return DueDate(due.Date);
    }

    public async Task<LookupResult> SaveSurveyAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var score = ServiceInputs.Get(inputs, "score") switch { "1" => 1, "2" => 2, "3" => 3, _ => 0 };
        if (score == 0)
        {
            context.Log("survey.save: score is not 1, 2 or 3");
            return LookupResult.Of(LookupResult.Error);
        }
        var due = context.CallbackDue();
        await WriteOrSpoolAsync("survey.save",
            new SpooledSurvey(ServiceInputs.Get(inputs, ServiceInputs.CallId), score, context.Now, due.Date, due.BeyondCalendar), cancellation).ConfigureAwait(false);
        return LookupResult.Of(LookupResult.Ok);
    }

    /// <summary>Writes the request; while the database is away (and the node has a spool) it waits in the spool instead.</summary>
    private async Task WriteOrSpoolAsync(string operation, SpooledRequest request, CancellationToken cancellation)
    {
        try
        {
            await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            await request.WriteAsync(connection, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (spool is not null && DatabaseOutage.Is(ex))
        {
            spool.Hold(request);
            context.Log($"{operation}: database unavailable ({ex.GetType().Name}); the {request.Describe()} is kept in the spool until it is back");
        }
    }

    private static string Reason(IReadOnlyDictionary<string, string> inputs, string fallback)
    {
        var reason = ServiceInputs.Get(inputs, "reason");
        return reason.Length == 0 ? fallback : reason;
    }

    private static LookupResult DueDate(DateOnly due)
        => LookupResult.Success(new Dictionary<string, string> { ["due_date"] = DbTime.ToText(due) });
}
