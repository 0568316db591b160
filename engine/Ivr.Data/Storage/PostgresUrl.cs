using Npgsql;

namespace Ivr.Data;

/// <summary>
/// A PostgreSQL location as operators write it, <c>postgresql://user[:password]@host[:port]/database</c>
/// (<c>postgres://</c> too; <c>?sslmode=require</c> and <c>?password=</c> are understood), turned into an
/// Npgsql connection string. <see cref="Display"/> is the same URL with any password replaced by
/// <c>***</c>: the only form that may appear in a message or a log.
/// </summary>
/// <remarks>
/// Connection settings chosen for a node's CPU (issue 12, <c>tools/bench/cluster-load</c>): statements used five times
/// on a connection are prepared (<c>Max Auto Prepare</c> 32, the node's few hot statements: call records, rollups,
/// lookups), and a connection going back to the pool is not reset (<c>No Reset On Close</c>): the reset was seven
/// statements (<c>RESET ALL</c>, <c>UNLISTEN *</c>, <c>pg_advisory_unlock_all()</c> …, or <c>DISCARD ALL</c>) sent
/// with every next use, about half of a node's statements per call. Nothing here leaves session state behind:
/// transactions end before a connection is returned (an open one is rolled back), locks are transaction-scoped
/// (<c>pg_advisory_xact_lock</c>), no <c>SET</c> outside a transaction, and each <c>LISTEN</c> connection
/// (<see cref="DatabaseNotifications"/>) <c>UNLISTEN</c>s before it goes back.
/// </remarks>
public sealed class PostgresUrl
{
    private PostgresUrl(string connectionString, string display)
    {
        ConnectionString = connectionString;
        Display = display;
    }

    public string ConnectionString { get; }

    public string Display { get; }

    /// <summary>True when <paramref name="text"/> is meant as a database URL (it has a scheme), whatever the scheme.</summary>
    public static bool LooksLikeUrl(string? text) => text is not null && text.Contains("://", StringComparison.Ordinal);

    /// <exception cref="ArgumentException">Not a postgresql:// URL, or one without host, user or database; the message never holds the password.</exception>
    public static PostgresUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
            throw new ArgumentException("The database URL is not a URL; expected postgresql://user@host:port/database.");
        var display = Masked(uri);
        if (uri.Scheme is not ("postgresql" or "postgres"))
            throw new ArgumentException($"The database URL '{display}' has scheme '{uri.Scheme}'; only postgresql:// is supported (without --database the SQLite file in --data is used).");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var (user, password) = UserInfo(uri);
        if (uri.Host.Length == 0 || database.Length == 0 || user.Length == 0)
            throw new ArgumentException($"The database URL '{display}' must name a user, a host and a database: postgresql://user@host:port/database.");

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database,
            Username = user,
            Timeout = 5,
            CommandTimeout = 30,
            MaxAutoPrepare = 32,
            NoResetOnClose = true,
            ApplicationName = "ivr",
        };
        foreach (var (key, value) in Query(uri))
        {
            switch (key)
            {
                case "password": password = value; break;
                case "sslmode": builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", ""), ignoreCase: true); break;
                case "connect_timeout": builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "application_name": builder.ApplicationName = value; break;
                default: throw new ArgumentException($"The database URL '{display}' has an unknown parameter '{key}'.");
            }
        }
        if (password is not null) builder.Password = password;
        return new PostgresUrl(builder.ConnectionString, display);
    }

    private static (string User, string? Password) UserInfo(Uri uri)
    {
        var info = uri.UserInfo;
        var colon = info.IndexOf(':');
        return colon < 0
            ? (Uri.UnescapeDataString(info), null)
            : (Uri.UnescapeDataString(info[..colon]), Uri.UnescapeDataString(info[(colon + 1)..]));
    }

    private static IEnumerable<(string Key, string Value)> Query(Uri uri)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            yield return equals < 0 ? (pair, "") : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    private static string Masked(Uri uri)
    {
        var builder = new UriBuilder(uri);
        if (builder.Password.Length > 0) builder.Password = "***";
        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : p));
        builder.Query = query;
        return builder.Uri.ToString();
    }
}
