namespace Ivr.Data.Tests.Storage;

public sealed class PostgresUrlTests
{
    [Fact]
    public void Parse_FullUrl_ConnectionStringAndMaskedDisplay()
    {
        var url = PostgresUrl.Parse("postgresql://ivr:s3cret@10.0.0.5:6432/hotline?sslmode=require");

        Assert.Equal("postgresql://ivr:***@10.0.0.5:6432/hotline?sslmode=require", url.Display);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal(("10.0.0.5", 6432, "hotline", "ivr", "s3cret", Npgsql.SslMode.Require),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
    }

    [Fact]
    public void Parse_NoPortNoPassword_DefaultPort()
    {
        var url = PostgresUrl.Parse("postgres://ivr@db.example/ivr");

        Assert.Equal(5432, new Npgsql.NpgsqlConnectionStringBuilder(url.ConnectionString).Port);
        Assert.Equal("postgres://ivr@db.example/ivr", url.Display);
    }

    [Theory]
    [InlineData("mysql://ivr:pw@127.0.0.1/ivr", "scheme 'mysql'")]
    [InlineData("postgresql://127.0.0.1:5432/ivr", "must name a user")]
    [InlineData("postgresql://ivr:pw@127.0.0.1:5432/", "must name a user, a host and a database")]
    [InlineData("postgresql://ivr@127.0.0.1/ivr?colour=blue", "unknown parameter 'colour'")]
    public void Parse_Unusable_ClearRefusalWithoutThePassword(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresUrl.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(":pw@", error.Message);
    }

    [Fact]
    public void Open_WithoutUrl_TheSqliteFileAsBefore()
    {
        using var file = new TempDatabase();

        var database = IvrDatabase.Open(null, file.Path);

        Assert.Equal((DatabaseDialect.Sqlite, file.Path), (database.Dialect, database.Path));
    }
}
