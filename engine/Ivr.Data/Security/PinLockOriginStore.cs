using System.Data;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>The SQL of <c>pin_lock_origins</c> (M020): one row per lock, counted per caller number (by key) and per
/// source, and read back for the console's alerts.</summary>
public sealed class PinLockOriginStore(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <summary>At most this many locks are read for one alert report (a day's locks on a whole hotline are far fewer).</summary>
    public const int MaxLocksRead = 10_000;

    public Task AddAsync(PinLockOrigin origin, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO pin_lock_origins (at, call_id, caller_key, caller_masked, source, subject_key, subject_masked)
            VALUES (@at, @callId, @callerKey, @callerMasked, @source, @subjectKey, @subjectMasked);
            """, new
            {
                at = DbTime.ToText(origin.At), callId = origin.CallId, callerKey = origin.CallerKey, callerMasked = origin.CallerMasked,
                source = origin.Source, subjectKey = origin.SubjectKey, subjectMasked = origin.SubjectMasked,
            }, transaction, cancellationToken: cancellation));

    /// <summary>How many distinct IDs checks from the caller number of <paramref name="callerKey"/> have locked since <paramref name="since"/>.</summary>
    public Task<int> CountIdsOfCallerSinceAsync(string callerKey, DateTimeOffset since, CancellationToken cancellation)
        => CountIdsSinceAsync("caller_key", callerKey, since, cancellation);

    /// <summary>How many distinct IDs checks from the SIP source <paramref name="source"/> have locked since <paramref name="since"/>.</summary>
    public Task<int> CountIdsOfSourceSinceAsync(string source, DateTimeOffset since, CancellationToken cancellation)
        => CountIdsSinceAsync("source", source, since, cancellation);

    /// <summary>The locks since <paramref name="since"/>, newest first, at most <see cref="MaxLocksRead"/>.</summary>
    public async Task<IReadOnlyList<PinLockOrigin>> SinceAsync(DateTimeOffset since, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT at, call_id AS CallId, caller_key AS CallerKey, caller_masked AS CallerMasked, source,
                   subject_key AS SubjectKey, subject_masked AS SubjectMasked
            FROM pin_lock_origins WHERE at > @since ORDER BY at DESC, id DESC LIMIT @limit;
            """, new { since = DbTime.ToText(since), limit = MaxLocksRead }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.Select(r => new PinLockOrigin(DbTime.FromText(r.At), r.CallId, r.CallerKey, r.CallerMasked, r.Source, r.SubjectKey, r.SubjectMasked)).ToList();
    }

    /// <summary>The first lock by the origin of <paramref name="kind"/> (<see cref="PinAlarm.ByCaller"/> with the caller key, or
    /// <see cref="PinAlarm.BySource"/> with the source) since <paramref name="since"/>.</summary>
    public async Task<DateTimeOffset?> FirstLockSinceAsync(string kind, string origin, DateTimeOffset since, CancellationToken cancellation)
        => DbTime.FromNullableText(await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT MIN(at) FROM pin_lock_origins WHERE {Column(kind)} = @origin AND at > @since;",
            new { origin, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation)).ConfigureAwait(false));

    /// <summary>The IDs (masked, one per distinct ID, newest first) the origin locked from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<string>> IdsMaskedAsync(string kind, string origin, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Key, string Masked)>(new CommandDefinition(
            $"SELECT subject_key, subject_masked FROM pin_lock_origins WHERE {Column(kind)} = @origin AND at >= @from AND at <= @to ORDER BY at DESC, id DESC LIMIT @limit;",
            new { origin, from = DbTime.ToText(from), to = DbTime.ToText(to), limit = MaxLocksRead }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.DistinctBy(r => r.Key).Select(r => r.Masked).ToList();
    }

    private static string Column(string kind) => kind switch
    {
        PinAlarm.ByCaller => "caller_key",
        PinAlarm.BySource => "source",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "caller or source"),
    };

    /// <param name="column">One of this class's own column names, never an input.</param>
    private Task<int> CountIdsSinceAsync(string column, string origin, DateTimeOffset since, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(DISTINCT subject_key) FROM pin_lock_origins WHERE {column} = @origin AND at > @since;",
            new { origin, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation));

    private sealed class Row
    {
        public string At { get; set; } = "";
        public string CallId { get; set; } = "";
        public string CallerKey { get; set; } = "";
        public string CallerMasked { get; set; } = "";
        public string? Source { get; set; }
        public string SubjectKey { get; set; } = "";
        public string SubjectMasked { get; set; } = "";
    }
}
