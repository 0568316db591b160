namespace Ivr.Data.Tests;

/// <summary>A fresh PostgreSQL database on the test run's server; its sessions are ended on dispose, and
/// the server and its data go at the end of the run.</summary>
public sealed class PostgresDatabase(PostgresServer server, string name) : TestDatabase
{
    public override DatabaseDialect Dialect => DatabaseDialect.PostgreSql;

    public override string Location { get; } = server.Url(name);

    public string Name { get; } = name;

    public override void Dispose() => server.Disconnect(Name);
}
