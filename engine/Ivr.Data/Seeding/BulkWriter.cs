using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.People;
using System.Data.Common;

namespace Ivr.Data.Seeding;

/// <summary>Writes synthetic people in one transaction per batch with prepared commands, using each
/// repository's own INSERT statement.</summary>
internal sealed class BulkWriter(DbConnection connection)
{
    public (int Pensions, int Appraisals) Write(IReadOnlyList<SyntheticPerson> people)
    {
        using var transaction = connection.BeginWrite();
        using var person = PreparedCommand.Prepare(connection, transaction, PersonRepository.InsertSql, "@id", "@name", "@region", "@birth_date", "@pin_hash");
        using var card = PreparedCommand.Prepare(connection, transaction, CardRepository.InsertSql, "@number", "@serial", "@person_id", "@status", "@lost_at", "@loss_reference");
        using var pension = PreparedCommand.Prepare(connection, transaction, PensionRepository.InsertSql, "@person_id", "@monthly_fen", "@last_paid_month", "@account_balance_fen", "@years_contributed");
        using var contribution = PreparedCommand.Prepare(connection, transaction, ContributionRepository.InsertSql, "@person_id", "@last_month", "@months", "@medical_balance_fen", "@arrears_fen");
        using var appraisal = PreparedCommand.Prepare(connection, transaction, AppraisalRepository.InsertSql, "@number", "@person_id", "@conclusion", "@grade");
        int pensions = 0, appraisals = 0;
        foreach (var p in people)
        {
            PreparedCommand.Run(person, p.Id, p.Name, p.Region, DbTime.ToText(p.BirthDate), p.PinHash);
            PreparedCommand.Run(card, p.CardNumber, p.Serial, p.Id, CardRepository.ToText(CardStatus.Active), null, null);
            var c = p.Contributions;
            PreparedCommand.Run(contribution, c.PersonId, c.LastMonth, c.Months, c.MedicalBalanceFen, c.ArrearsFen);
            if (p.Pension is { } n)
            {
                PreparedCommand.Run(pension, n.PersonId, n.MonthlyFen, n.LastPaidMonth, n.AccountBalanceFen, n.YearsContributed);
                pensions++;
            }
            if (p.Appraisal is { } a)
            {
                PreparedCommand.Run(appraisal, a.Number, a.PersonId, a.Conclusion, a.Grade);
                appraisals++;
            }
        }
        transaction.Commit();
        return (pensions, appraisals);
    }
}
