using System.Data.Common;
using Dapper;
using Ivr.Core.Privacy;

namespace Ivr.Data.Retention;

/// <summary>
/// Masks the dialled number of finished scheduled faxes last changed before the cutoff (<c>130*****273</c>, as every
/// list shows it): the number in clear was needed only to dial. The job rows stay — the statistics count them.
/// </summary>
internal static class FaxNumberPrune
{
    private const string Due = "status IN ('sent', 'failed', 'cancelled') AND updated_at < @cutoff AND number NOT LIKE '%*%'";

    public static Task<long> CountAsync(DbConnection connection, string cutoff, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM fax_jobs WHERE {Due};",
            new { cutoff }, cancellationToken: cancellation));

    public static Task<long> PruneAsync(IvrDatabase database, string cutoff, int batch, CancellationToken cancellation)
        => PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var jobs = (await connection.QueryAsync<(long Id, string Number)>(new CommandDefinition(
                $"SELECT id, number FROM fax_jobs WHERE {Due} ORDER BY id LIMIT @batch;", new { cutoff, batch }, transaction,
                cancellationToken: cancellation))).ToList();
            foreach (var job in jobs)
            {
                var number = Mask.Phone(job.Number);
                if (!number.Contains('*')) number = new string('*', Math.Max(job.Number.Length, 1)); // too short to keep any digit
                await connection.ExecuteAsync(new CommandDefinition("UPDATE fax_jobs SET number = @number WHERE id = @id;",
                    new { number, id = job.Id }, transaction, cancellationToken: cancellation));
            }

            return (jobs.Count, (long)jobs.Count);
        }, cancellation);
}
