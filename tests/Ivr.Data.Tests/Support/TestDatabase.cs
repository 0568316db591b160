using Ivr.Data.Migrations;
using Ivr.Data.Security;

namespace Ivr.Data.Tests;

/// <summary>A database of its own for one test, SQLite (<see cref="TempDatabase"/>) or PostgreSQL
/// (<see cref="PostgresServer.NewDatabase"/>); <see cref="Location"/> is what <see cref="IvrDatabase.Open(string)"/> takes.</summary>
public abstract class TestDatabase : IDisposable
{
    public abstract DatabaseDialect Dialect { get; }

    /// <summary>The SQLite file path or the postgresql:// URL.</summary>
    public abstract string Location { get; }

    /// <summary>The deployment's hash key of this database: every service or pruner a test opens on it shares it, as
    /// every node of one database does.</summary>
    public HashKey HashKey { get; } = HashKey.Generate();

    public IvrDatabase Open() => IvrDatabase.Open(Location);

    public IvrDatabase Open(IReadOnlyList<Migration> migrations) => IvrDatabase.Open(Location, migrations, TimeProvider.System);

    public abstract void Dispose();
}
