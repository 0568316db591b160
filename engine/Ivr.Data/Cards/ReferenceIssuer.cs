using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Ivr.Data.Security;

namespace Ivr.Data.Cards;

/// <summary>
/// References said to callers (a loss report's 受理号): the China date (yyyyMMdd) and six random digits,
/// unique across every node on the database. Each is claimed in <c>issued_references</c> inside the
/// caller's transaction; one already issued (by this node or another, or an older loss report) is
/// skipped and another drawn.
/// </summary>
public sealed class ReferenceIssuer(Func<int> sixDigits)
{
    public const int MaxDraws = 50;

    public static readonly ReferenceIssuer Random = new(() => RandomNumberGenerator.GetInt32(0, 1_000_000));

    /// <exception cref="InvalidOperationException">No free reference in <see cref="MaxDraws"/> draws (a day's numbers nearly used up).</exception>
    public async Task<string> IssueAsync(IDbConnection connection, IDbTransaction transaction, string kind, DateTimeOffset at, CancellationToken cancellation)
    {
        var day = ChinaTime.ToChina(at).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var reference = day + (sixDigits() % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var claimed = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO issued_references (reference, kind, issued_at)
                SELECT @reference, @kind, @at WHERE NOT EXISTS (SELECT 1 FROM cards WHERE loss_reference = @reference)
                ON CONFLICT (reference) DO NOTHING;
                """, new { reference, kind, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
            if (claimed == 1) return reference;
        }
        throw new InvalidOperationException($"No free {kind} reference for {day} after {MaxDraws} draws.");
    }
}
