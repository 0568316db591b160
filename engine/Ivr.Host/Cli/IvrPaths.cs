using Ivr.Data;

namespace Ivr.Host.Cli;

/// <summary>Where the editors' files and the data live; defaults relative to the working directory (the repository root).
/// <see cref="DatabaseUrl"/> (<c>--database</c>, <c>$IVR_DATABASE</c>) puts the database on a PostgreSQL server instead of <c>ivr.db</c> in <see cref="Data"/>.
/// <see cref="HashKeyFile"/> (<c>--hash-key</c>, <c>$IVR_HASH_KEY_FILE</c>) names the deployment's hash key instead of
/// <c>DATA/secrets/hash-key</c> (<see cref="Secrets.DeploymentHashKey"/>).</summary>
public sealed record IvrPaths(string Flows, string Prompts, string Data, string? DatabaseUrl = null, string? HashKeyFile = null)
{
    public static readonly string[] Options = ["flows", "prompts", "data", "database", "hash-key"];

    public static IvrPaths From(CommandLine line) => new(
        line.Get("flows", Environment.GetEnvironmentVariable("IVR_FLOWS") ?? "flows"),
        line.Get("prompts", Environment.GetEnvironmentVariable("IVR_PROMPTS") ?? Path.Combine("prompts", "zh-CN")),
        line.Get("data", Environment.GetEnvironmentVariable("IVR_DATA") ?? "data"),
        line.Get("database", Environment.GetEnvironmentVariable("IVR_DATABASE") ?? "") is { Length: > 0 } url ? url : null,
        line.Get("hash-key", Environment.GetEnvironmentVariable("IVR_HASH_KEY_FILE") ?? "") is { Length: > 0 } key ? key : null);

    /// <summary>The SQLite file (used when <see cref="DatabaseUrl"/> is not given).</summary>
    public string Database => Path.Combine(Data, "ivr.db");

    /// <summary>True when the database exists or lives on a server (where opening it tells).</summary>
    public bool DatabaseMayExist => DatabaseUrl is not null || File.Exists(Database);

    /// <summary>Opens (and migrates) the database every verb uses.</summary>
    /// <exception cref="UsageException">A <c>--database</c> that is not a postgresql:// URL.</exception>
    /// <exception cref="DatabaseOpenException">Unreachable, refused, or newer than this program (the message names it, never a password).</exception>
    public IvrDatabase OpenDatabase()
    {
        try
        {
            return IvrDatabase.Open(DatabaseUrl, Database);
        }
        catch (ArgumentException ex) when (DatabaseUrl is not null)
        {
            throw new UsageException($"--database: {ex.Message}");
        }
    }

    public const string Help = """
          --flows DIR      flow files (default: flows, or $IVR_FLOWS)
          --prompts DIR    prompt catalog and audio (default: prompts/zh-CN, or $IVR_PROMPTS)
          --data DIR       database and recordings (default: data, or $IVR_DATA)
          --database URL   PostgreSQL instead of data/ivr.db, e.g. postgresql://ivr@127.0.0.1:5432/ivr (or $IVR_DATABASE)
          --hash-key FILE  the deployment's key for hashes of IDs and caller numbers, the same file on every node of one
                           database (default: DATA/secrets/hash-key, made at first start; or $IVR_HASH_KEY_FILE)
        """;
}
