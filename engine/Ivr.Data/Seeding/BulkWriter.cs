using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.People;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Seeding;

/// <summary>Writes synthetic people in one transaction per batch with prepared commands, using each
/// repository's own INSERT statement.</summary>
internal sealed class BulkWriter(SqliteConnection connection)
{
    public (int Pensions, int Appraisals) Write(IReadOnlyList<SyntheticPerson> people)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var person = Prepare(transaction, PersonRepository.InsertSql, "@id", "@name", "@region", "@birth_date", "@pin_hash");
        using var card = Prepare(transaction, CardRepository.InsertSql, "@number", "@serial", "@person_id", "@status", "@lost_at", "@loss_reference");
        using var pension = Prepare(transaction, PensionRepository.InsertSql, "@person_id", "@monthly_fen", "@last_paid_month", "@account_balance_fen", "@years_contributed");
        using var contribution = Prepare(transaction, ContributionRepository.InsertSql, "@person_id", "@last_month", "@months", "@medical_balance_fen", "@arrears_fen");
        using var appraisal = Prepare(transaction, AppraisalRepository.InsertSql, "@number", "@person_id", "@conclusion", "@grade");
        int pensions = 0, appraisals = 0;
        foreach (var p in people)
        {
            Run(person, p.Id, p.Name, p.Region, DbTime.ToText(p.BirthDate), p.PinHash);
            Run(card, p.CardNumber, p.Serial, p.Id, CardRepository.ToText(CardStatus.Active), null, null);
            var c = p.Contributions;
            Run(contribution, c.PersonId, c.LastMonth, c.Months, c.MedicalBalanceFen, c.ArrearsFen);
            if (p.Pension is { } n)
            {
                Run(pension, n.PersonId, n.MonthlyFen, n.LastPaidMonth, n.AccountBalanceFen, n.YearsContributed);
                pensions++;
            }
            if (p.Appraisal is { } a)
            {
                Run(appraisal, a.Number, a.PersonId, a.Conclusion, a.Grade);
                appraisals++;
            }
        }
        transaction.Commit();
        return (pensions, appraisals);
    }

    private SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
