using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Ivr.Data.FlowSets;

/// <summary>
/// The SQL of published flow sets (cluster mode): <see cref="PublishAsync"/> stores a validated set
/// content-addressed and makes it the active one in one transaction — on PostgreSQL with a
/// <c>NOTIFY ivr_flow_set</c> delivered at commit, so every node loads it at once — and
/// <see cref="ActiveAsync"/> / <see cref="FilesAsync"/> give a node what to serve.
/// </summary>
public sealed class PublishedFlowSetStore(IvrDatabase database)
{
    /// <summary>The PostgreSQL notification channel; its payload is the activated version.</summary>
    public const string Channel = "ivr_flow_set";

    public async Task<PublishOutcome> PublishAsync(string version, IReadOnlyCollection<FlowSetFile> files, string publishedBy, DateTimeOffset at,
        CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(files);
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = connection.BeginWrite();
        await connection.LockKeyAsync(transaction, "flow_set", "publish", cancellation);
        var hashed = files.Select(f => (f.Path, f.Content, Hash: HashOf(f.Content))).ToList();
        var newBlobs = 0;
        foreach (var file in hashed)
        {
            newBlobs += await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO flow_blobs (hash, content) VALUES (@hash, @content) ON CONFLICT (hash) DO NOTHING;",
                new { hash = file.Hash, content = file.Content }, transaction, cancellationToken: cancellation));
        }

        var newVersion = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO published_flow_sets (version, published_at, published_by, files, bytes) VALUES (@version, @at, @by, @files, @bytes)
            ON CONFLICT (version) DO NOTHING;
            """, new { version, at = DbTime.ToText(at), by = publishedBy, files = files.Count, bytes = files.Sum(f => (long)f.Content.Length) },
            transaction, cancellationToken: cancellation)) > 0;
        if (newVersion)
        {
            foreach (var file in hashed)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO published_flow_files (version, path, hash) VALUES (@version, @path, @hash);",
                    new { version, path = file.Path, hash = file.Hash }, transaction, cancellationToken: cancellation));
            }
        }

        var wasActive = await ActiveVersionAsync(connection, transaction, cancellation) == version;
        if (!wasActive) await ActivateAsync(connection, transaction, version, publishedBy, at, cancellation);
        await transaction.CommitAsync(cancellation);
        return new PublishOutcome(version, newVersion, newBlobs, wasActive);
    }

    /// <summary>Makes an already published version the active one again (a rollback); false when it was never published.</summary>
    public async Task<bool> ActivateAsync(string version, string activatedBy, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = connection.BeginWrite();
        var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM published_flow_sets WHERE version = @version);", new { version }, transaction, cancellationToken: cancellation));
        if (!known) return false;
        await ActivateAsync(connection, transaction, version, activatedBy, at, cancellation);
        await transaction.CommitAsync(cancellation);
        return true;
    }

    /// <summary>The version every node should serve; null before the first publish.</summary>
    public async Task<string?> ActiveAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await ActiveVersionAsync(connection, null, cancellation);
    }

    /// <summary>The files of a published version in path order; empty for an unknown version.</summary>
    public async Task<IReadOnlyList<FlowSetFile>> FilesAsync(string version, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string Path, byte[] Content)>(new CommandDefinition("""
            SELECT f.path, b.content FROM published_flow_files f JOIN flow_blobs b ON b.hash = f.hash
            WHERE f.version = @version ORDER BY f.path;
            """, new { version }, cancellationToken: cancellation));
        return rows.Select(r => new FlowSetFile(r.Path, r.Content)).ToList();
    }

    /// <summary>Every published version, newest first.</summary>
    public async Task<IReadOnlyList<PublishedFlowSet>> ListAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string Version, string At, string By, long Files, long Bytes)>(new CommandDefinition(
            "SELECT version, published_at, published_by, files, bytes FROM published_flow_sets ORDER BY published_at DESC, version;",
            cancellationToken: cancellation));
        return rows.Select(r => new PublishedFlowSet(r.Version, DbTime.FromText(r.At), r.By, (int)r.Files, r.Bytes)).ToList();
    }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static Task<string?> ActiveVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT version FROM active_flow_set WHERE slot = 'active';", null, transaction, cancellationToken: cancellation));

    private static async Task ActivateAsync(DbConnection connection, DbTransaction transaction, string version, string by, DateTimeOffset at,
        CancellationToken cancellation)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO active_flow_set (slot, version, activated_at, activated_by) VALUES ('active', @version, @at, @by)
            ON CONFLICT (slot) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at, activated_by = excluded.activated_by;
            """, new { version, at = DbTime.ToText(at), by }, transaction, cancellationToken: cancellation));
        if (connection.Dialect() == DatabaseDialect.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, @version);",
                new { channel = Channel, version }, transaction, cancellationToken: cancellation));
        }
    }
}
