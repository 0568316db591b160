namespace Ivr.Data.Tests;

/// <summary>A fresh, empty PostgreSQL database on the test run's server; the server and its data go at the end of the run.</summary>
public sealed class PostgresDatabase(string url) : TestDatabase
{
    public override DatabaseDialect Dialect => DatabaseDialect.PostgreSql;

    public override string Location { get; } = url;

    public override void Dispose() => Npgsql.NpgsqlConnection.ClearAllPools();
}
