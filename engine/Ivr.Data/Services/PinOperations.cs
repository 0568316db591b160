using System.Globalization;
using System.Data.Common;
using Ivr.Core.Lookups;
using Ivr.Core.Privacy;
using Ivr.Data.Audit;
using Ivr.Data.Cards;
using Ivr.Data.People;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary><c>auth.verify_pin</c>, <c>card.report_loss</c> and <c>card.change_pin</c>: everything
/// that needs the hotline PIN. Card services are audited whatever their outcome.</summary>
internal sealed class PinOperations(ServiceContext context)
{
    private readonly PinVerifier _verifier = new(context);

    public async Task<LookupResult> VerifyAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var subject = ServiceInputs.ResidentId(inputs);
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var check = await _verifier.CheckAsync(connection, subject, ServiceInputs.Get(inputs, "pin"), PinCaller.From(inputs), cancellation).ConfigureAwait(false);
        return check.Person is { } person
            ? LookupResult.Success(new Dictionary<string, string> { ["name_masked"] = ServiceInputs.MaskName(person.Name) })
            : Refused(check);
    }

    public async Task<LookupResult> ReportLossAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var subject = ServiceInputs.ResidentId(inputs);
        var callId = CallId(inputs);
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var check = await _verifier.CheckAsync(connection, subject, ServiceInputs.Get(inputs, "pin"), PinCaller.From(inputs), cancellation).ConfigureAwait(false);

        using var transaction = connection.BeginWrite();
        var result = check.Person is null ? Refused(check) : await MarkLostAsync(connection, transaction, check.Person.Id, cancellation).ConfigureAwait(false);
        await new AuditRepository(connection, transaction).AppendAsync(
            new AuditEntry(callId, context.Now, AuditAction.LossReport, Mask.ResidentId(subject), result.Outcome), cancellation).ConfigureAwait(false);
        transaction.Commit();
        return result;
    }

    public async Task<LookupResult> ChangePinAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var subject = ServiceInputs.ResidentId(inputs);
        var callId = CallId(inputs);
        var oldPin = ServiceInputs.Get(inputs, "old_pin");
        var newPin = ServiceInputs.Get(inputs, "new_pin");
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var check = await _verifier.CheckAsync(connection, subject, oldPin, PinCaller.From(inputs), cancellation).ConfigureAwait(false);

        LookupResult result;
        string? newHash = null;
        if (check.Person is null) result = Refused(check);
        else if (WeakPinPolicy.Check(newPin, check.Person.Id, oldPin) != PinWeakness.None) result = LookupResult.Of(ServiceOutcomes.Weak);
        else
        {
            newHash = context.Hasher.Hash(newPin);
            result = LookupResult.Of(LookupResult.Ok);
        }
        cancellation.ThrowIfCancellationRequested();

        using var transaction = connection.BeginWrite();
        if (newHash is not null && !await new PersonRepository(connection, transaction).SetPinHashAsync(check.Person!.Id, newHash, cancellation).ConfigureAwait(false))
            result = LookupResult.Of(LookupResult.Error);
        await new AuditRepository(connection, transaction).AppendAsync(
            new AuditEntry(callId, context.Now, AuditAction.PinChange, Mask.ResidentId(subject), result.Outcome), cancellation).ConfigureAwait(false);
        transaction.Commit();
        return result;
    }

    private async Task<LookupResult> MarkLostAsync(DbConnection connection, DbTransaction transaction, string personId, CancellationToken cancellation)
    {
        var cards = new CardRepository(connection, transaction);
        var card = await cards.FindByPersonAsync(personId, cancellation).ConfigureAwait(false);
        if (card is null) return LookupResult.Of(LookupResult.NotFound);
        if (card.Status == CardStatus.Lost) return LookupResult.Of(ServiceOutcomes.AlreadyLost);
        var now = context.Now;
        var reference = await context.References.IssueAsync(connection, transaction, "loss", now, cancellation).ConfigureAwait(false);
        if (!await cards.MarkLostAsync(card.Number, now, reference, cancellation).ConfigureAwait(false))
            return LookupResult.Of(ServiceOutcomes.AlreadyLost);
        return LookupResult.Success(new Dictionary<string, string> { ["reference"] = reference });
    }

    private static LookupResult Refused(PinCheck check) => check.Outcome == ServiceOutcomes.Denied
        ? new LookupResult(ServiceOutcomes.Denied, new Dictionary<string, string> { ["tries_left"] = check.TriesLeft.ToString(CultureInfo.InvariantCulture) })
        : LookupResult.Of(check.Outcome);

    private static string CallId(IReadOnlyDictionary<string, string> inputs) => ServiceInputs.Get(inputs, ServiceInputs.CallId);
}
