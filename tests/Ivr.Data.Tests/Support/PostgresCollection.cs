namespace Ivr.Data.Tests;

/// <summary>Every test class that runs on PostgreSQL shares one server per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
