using System.Globalization;
using Ivr.Core.Lookups;
using Ivr.Data.Fax;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>
/// <c>fax.check_time</c> and <c>fax.schedule</c>, the back end of 定时传真. Both take <c>day</c>
/// (now, today, tomorrow) and <c>time</c> (HHMM); check_time only answers whether that time can be
/// used, schedule also takes <c>document</c> and <c>number</c> and queues the job, linked to the call.
/// Outcomes beyond ok: <c>outside_hours</c> (with the allowed hours), <c>past</c>, <c>invalid_number</c>,
/// <c>unknown_document</c>; bad input queues nothing.
/// </summary>
internal sealed class FaxOperations(ServiceContext context, FaxSettings settings, IFaxDocuments? documents)
{
    public const string OutsideHours = "outside_hours";
    public const string Past = "past";
    public const string InvalidNumber = "invalid_number";
    public const string UnknownDocument = "unknown_document";

    public Task<LookupResult> CheckTimeAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var (result, _) = Resolve(inputs);
        return Task.FromResult(result);
    }

    public async Task<LookupResult> ScheduleAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var document = ServiceInputs.Get(inputs, "document");
        if (documents is null || !documents.Contains(document))
        {
            context.Log(documents is null ? "fax.schedule: no fax catalog is wired" : "fax.schedule: the document is not in the fax catalog");
            return LookupResult.Of(UnknownDocument);
        }

        // The flow's collect checks the structure (cn-fax-number); here only what dialling needs.
        var number = ServiceInputs.Get(inputs, "number");
        if (number.Length is < 7 or > 12 || !number.All(char.IsAsciiDigit)) return LookupResult.Of(InvalidNumber);
        var (result, due) = Resolve(inputs);
        if (result.Outcome != LookupResult.Ok) return result;

        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var id = await new FaxJobRepository(connection).InsertAsync(ServiceInputs.Get(inputs, ServiceInputs.CallId), document, number,
            due, settings.MaxAttempts, context.Now, cancellation).ConfigureAwait(false);
        return LookupResult.Success(new Dictionary<string, string>(result.Outputs) { ["job_id"] = id.ToString(CultureInfo.InvariantCulture) });
    }

    private (LookupResult Result, DateTimeOffset Due) Resolve(IReadOnlyDictionary<string, string> inputs)
    {
        var resolved = FaxSendTime.Resolve(ServiceInputs.Get(inputs, "day"), ServiceInputs.Get(inputs, "time"), context.Now, settings);
        var outputs = new Dictionary<string, string>
        {
            ["allowed_from"] = Clock(settings.AllowedFrom),
            ["allowed_until"] = Clock(settings.AllowedUntil),
        };
        if (resolved.Outcome == FaxSendTimeOutcome.Invalid)
        {
            context.Log($"fax: {resolved.Problem}");
            return (LookupResult.Of(LookupResult.Error), default);
        }

        var local = ChinaTime.ToChina(resolved.Due);
        outputs["due_date"] = DbTime.ToText(DateOnly.FromDateTime(local.DateTime));
        outputs["due_time"] = Clock(TimeOnly.FromDateTime(local.DateTime));
        var outcome = resolved.Outcome switch
        {
            FaxSendTimeOutcome.Ok => LookupResult.Ok,
            FaxSendTimeOutcome.OutsideHours => OutsideHours,
            _ => Past,
        };
        return (new LookupResult(outcome, outputs), resolved.Due);
    }

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
