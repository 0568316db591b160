using System.Data.Common;
using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.People;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data.Seeding;

/// <summary>Writes synthetic people in one transaction per batch (<see cref="StatementBatch"/>: prepared commands
/// on SQLite, one round trip on PostgreSQL), using each repository's own INSERT statement.</summary>
internal sealed class BulkWriter(DbConnection connection)
{
    private static readonly Statement Person = new(PersonRepository.InsertSql, "@id", "@name", "@region", "@birth_date", "@pin_hash");
    private static readonly Statement Card = new(CardRepository.InsertSql, "@number", "@serial", "@person_id", "@status", "@lost_at", "@loss_reference");
    private static readonly Statement Pension = new(PensionRepository.InsertSql, "@person_id", "@monthly_fen", "@last_paid_month", "@account_balance_fen", "@years_contributed");
    private static readonly Statement Contribution = new(ContributionRepository.InsertSql, "@person_id", "@last_month", "@months", "@medical_balance_fen", "@arrears_fen");
    private static readonly Statement Appraisal = new(AppraisalRepository.InsertSql, "@number", "@person_id", "@conclusion", "@grade");

    public (int Pensions, int Appraisals) Write(IReadOnlyList<SyntheticPerson> people)
    {
        using var transaction = connection.BeginWrite();
        using var batch = new StatementBatch(connection, transaction);
        int pensions = 0, appraisals = 0;
        foreach (var p in people)
        {
            batch.Add(Person, p.Id, p.Name, p.Region, DbTime.ToText(p.BirthDate), p.PinHash);
            batch.Add(Card, p.CardNumber, p.Serial, p.Id, CardRepository.ToText(CardStatus.Active), null, null);
            var c = p.Contributions;
            batch.Add(Contribution, c.PersonId, c.LastMonth, c.Months, c.MedicalBalanceFen, c.ArrearsFen);
            if (p.Pension is { } n)
            {
                batch.Add(Pension, n.PersonId, n.MonthlyFen, n.LastPaidMonth, n.AccountBalanceFen, n.YearsContributed);
                pensions++;
            }
            if (p.Appraisal is { } a)
            {
                batch.Add(Appraisal, a.Number, a.PersonId, a.Conclusion, a.Grade);
                appraisals++;
            }
        }
        batch.Execute();
        transaction.Commit();
        return (pensions, appraisals);
    }
}
