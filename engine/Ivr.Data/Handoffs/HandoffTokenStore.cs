using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Ivr.Core.Handoffs;

namespace Ivr.Data.Handoffs;

/// <summary>
/// The <c>handoff_tokens</c> table (M013) behind <see cref="IHandoffTokens"/>: a token is 128 random bits (32 hex
/// characters, safe in a SIP URI header); only its SHA-256 is stored. <see cref="FindAsync"/> reads an unused,
/// unexpired token without spending it (to check who asks); <see cref="TakeAsync"/> spends it with one conditional
/// DELETE, so of two readers on any nodes exactly one gets it. Nothing outlives its use or its lifetime: a spent
/// token's row is gone, and every issue or take first deletes the rows past their expiry — an assist result holds
/// the clear resident ID, which leaves the IVR only through the one read (issue 16), never in a later copy or backup
/// of the database. (<c>used_at</c> of M013 stays unused.)
/// </summary>
public sealed class HandoffTokenStore(IvrDatabase database, TimeProvider time) : IHandoffTokens
{
    public async Task<string> IssueAsync(Handoff handoff, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await DeleteExpiredAsync(connection, DbTime.ToText(now), cancellation).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO handoff_tokens (token_hash, kind, call_id, agent, payload, created_at, expires_at) " +
            "VALUES (@hash, @kind, @callId, @agent, @payload, @created, @expires);",
            new
            {
                hash = Hash(token), kind = handoff.Kind, callId = handoff.CallId, agent = handoff.Agent,
                payload = JsonSerializer.Serialize(handoff.Values), created = DbTime.ToText(now),
                expires = DbTime.ToText(now + HandoffKinds.Lifetime),
            }, cancellationToken: cancellation)).ConfigureAwait(false);
        return token;
    }

    /// <summary>The token's handoff when it is of <paramref name="kind"/>, unused and unexpired; null otherwise.</summary>
    public async Task<StoredHandoff?> FindAsync(string kind, string token, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT call_id AS CallId, agent AS Agent, payload AS Payload, created_at AS CreatedAt FROM handoff_tokens " +
            "WHERE token_hash = @hash AND kind = @kind AND used_at IS NULL AND expires_at > @now;",
            new { hash = Hash(token), kind, now = DbTime.ToText(time.GetUtcNow()) }, cancellationToken: cancellation)).ConfigureAwait(false);
        return row?.ToHandoff(kind);
    }

    /// <summary>Spends the token: its row is deleted. True for the one caller that did (false: used, expired or unknown).</summary>
    public async Task<bool> TakeAsync(string kind, string token, CancellationToken cancellation)
    {
        var now = DbTime.ToText(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM handoff_tokens WHERE token_hash = @hash AND kind = @kind AND used_at IS NULL AND expires_at > @now;",
            new { hash = Hash(token), kind, now }, cancellationToken: cancellation)).ConfigureAwait(false);
        await DeleteExpiredAsync(connection, now, cancellation).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Deletes every token past its expiry, read or not (indexed by <c>expires_at</c>).</summary>
    private static Task<int> DeleteExpiredAsync(System.Data.Common.DbConnection connection, string now, CancellationToken cancellation) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM handoff_tokens WHERE expires_at <= @now;", new { now }, cancellationToken: cancellation));

    /// <summary>Whether <paramref name="token"/> has the shape of one we issue (checked before any query).</summary>
    public static bool IsWellFormed(string? token) => token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private sealed record Row(string CallId, string? Agent, string Payload, string CreatedAt)
    {
        public StoredHandoff ToHandoff(string kind) => new(
            new Handoff(kind, CallId, Agent, JsonSerializer.Deserialize<Dictionary<string, string>>(Payload) ?? []),
            DbTime.FromText(CreatedAt));
    }
}

/// <summary>A handoff as stored, with when it was issued.</summary>
public sealed record StoredHandoff(Handoff Handoff, DateTimeOffset IssuedAt);
