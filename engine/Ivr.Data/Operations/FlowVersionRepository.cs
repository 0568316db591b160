using System.Data;
using Dapper;

namespace Ivr.Data.Operations;

/// <summary>
/// The SQL of <c>flow_versions</c> and <c>flow_version_files</c>: every flow-set version ever served,
/// with its files' text, so that two versions can be compared later. A version is content-addressed
/// (a hash of its files), so recording it again only moves its <c>last_loaded_at</c>.
/// </summary>
public sealed class FlowVersionRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <returns>True when the version was new.</returns>
    public async Task<bool> RecordAsync(string version, DateTimeOffset at, IReadOnlyCollection<FlowVersionFile> files, CancellationToken cancellation)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO flow_versions (version, first_loaded_at, last_loaded_at) VALUES (@version, @at, @at)
            ON CONFLICT (version) DO UPDATE SET last_loaded_at = excluded.last_loaded_at;
            """, new { version, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));
        var known = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM flow_version_files WHERE version = @version;", new { version }, transaction, cancellationToken: cancellation));
        if (known > 0) return false;
        foreach (var file in files)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO flow_version_files (version, path, content) VALUES (@version, @path, @content) ON CONFLICT DO NOTHING;",
                new { version, path = file.Path, content = file.Content }, transaction, cancellationToken: cancellation));
        }
        return inserted > 0;
    }

    /// <summary>Every version, most recently loaded first.</summary>
    public async Task<IReadOnlyList<FlowVersionInfo>> ListAsync(CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Version, string First, string Last, long Files)>(new CommandDefinition("""
            SELECT v.version, v.first_loaded_at, v.last_loaded_at, (SELECT COUNT(*) FROM flow_version_files f WHERE f.version = v.version)
            FROM flow_versions v ORDER BY v.last_loaded_at DESC, v.version;
            """, null, transaction, cancellationToken: cancellation));
        return rows.Select(r => new FlowVersionInfo(r.Version, DbTime.FromText(r.First), DbTime.FromText(r.Last), (int)r.Files)).ToList();
    }

    /// <summary>The files of a version in path order; empty for an unknown version.</summary>
    public async Task<IReadOnlyList<FlowVersionFile>> FilesAsync(string version, CancellationToken cancellation)
        => (await connection.QueryAsync<(string Path, string Content)>(new CommandDefinition(
                "SELECT path, content FROM flow_version_files WHERE version = @version ORDER BY path;",
                new { version }, transaction, cancellationToken: cancellation)))
            .Select(r => new FlowVersionFile(r.Path, r.Content)).ToList();

    public Task<bool> ExistsAsync(string version, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM flow_versions WHERE version = @version);", new { version }, transaction, cancellationToken: cancellation));
}
