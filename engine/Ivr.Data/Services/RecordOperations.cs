using System.Globalization;
using Ivr.Core.Lookups;
using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;

namespace Ivr.Data.Services;

/// <summary><c>pension.summary</c>, <c>contributions.summary</c> and <c>appraisal.lookup</c>: reads
/// only. An unknown ID and a mismatched second factor give the same <c>not_found</c>.</summary>
internal sealed class RecordOperations(ServiceContext context)
{
    public async Task<LookupResult> PensionAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var id = ServiceInputs.ResidentId(inputs);
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var pension = await new PensionRepository(connection).FindAsync(id, cancellation).ConfigureAwait(false);
        if (pension is null) return LookupResult.Of(LookupResult.NotFound);
        return LookupResult.Success(new Dictionary<string, string>
        {
            ["monthly_amount"] = Money.Format(pension.MonthlyFen),
            ["last_paid_month"] = pension.LastPaidMonth,
            ["account_balance"] = Money.Format(pension.AccountBalanceFen),
            ["years_contributed"] = pension.YearsContributed.ToString(CultureInfo.InvariantCulture),
        });
    }

    public async Task<LookupResult> ContributionsAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var id = ServiceInputs.ResidentId(inputs);
        var number = ServiceInputs.Get(inputs, "number");
        if (number.Length is not (10 or 12)) return LookupResult.Of(LookupResult.NotFound);
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var card = await new CardRepository(connection).FindByNumberOrSerialAsync(number, cancellation).ConfigureAwait(false);
        if (card is null || card.PersonId != id) return LookupResult.Of(LookupResult.NotFound);
        var record = await new ContributionRepository(connection).FindAsync(id, cancellation).ConfigureAwait(false);
        if (record is null) return LookupResult.Of(LookupResult.NotFound);
        return LookupResult.Success(new Dictionary<string, string>
        {
            ["last_month"] = record.LastMonth,
            ["months"] = record.Months.ToString(CultureInfo.InvariantCulture),
            ["medical_balance"] = Money.Format(record.MedicalBalanceFen),
            ["arrears"] = Money.Format(record.ArrearsFen),
        });
    }

    /// <summary>By 18-character resident ID (the person's latest appraisal) or by appraisal number.</summary>
    public async Task<LookupResult> AppraisalAsync(IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var key = ServiceInputs.ResidentId(inputs, "key");
        if (key.Length == 0) return LookupResult.Of(LookupResult.NotFound);
        await using var connection = await context.Database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var appraisals = new AppraisalRepository(connection);
        var appraisal = key.Length == 18
            ? await appraisals.FindLatestForPersonAsync(key, cancellation).ConfigureAwait(false)
            : await appraisals.FindByNumberAsync(key, cancellation).ConfigureAwait(false);
        if (appraisal is null) return LookupResult.Of(LookupResult.NotFound);
        return LookupResult.Success(new Dictionary<string, string>
        {
            ["conclusion"] = appraisal.Conclusion,
            ["grade"] = appraisal.Grade,
        });
    }
}
