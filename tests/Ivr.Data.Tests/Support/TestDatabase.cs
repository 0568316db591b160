using Ivr.Data.Migrations;

namespace Ivr.Data.Tests;

/// <summary>A database of its own for one test, SQLite (<see cref="TempDatabase"/>) or PostgreSQL
/// (<see cref="PostgresServer.NewDatabase"/>); <see cref="Location"/> is what <see cref="IvrDatabase.Open(string)"/> takes.</summary>
public abstract class TestDatabase : IDisposable
{
    public abstract DatabaseDialect Dialect { get; }

    /// <summary>The SQLite file path or the postgresql:// URL.</summary>
    public abstract string Location { get; }

    public IvrDatabase Open() => IvrDatabase.Open(Location);

    public IvrDatabase Open(IReadOnlyList<Migration> migrations) => IvrDatabase.Open(Location, migrations, TimeProvider.System);

    public abstract void Dispose();
}
