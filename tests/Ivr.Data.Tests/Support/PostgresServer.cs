using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ivr.Tests.Shared;
using Npgsql;

namespace Ivr.Data.Tests;

/// <summary>
/// A throw-away PostgreSQL 15 server for the test run: <c>initdb</c> into a temp folder, <c>pg_ctl start</c>
/// on a free loopback port (no fsync: the data dies with the run), run as the <c>postgres</c> user when
/// the tests run as root (PostgreSQL refuses root). Never a server assumed to be there. When the binaries
/// are missing (<c>tools/test</c> installs <c>postgresql-15</c>) every PostgreSQL test is skipped with
/// <see cref="SkipReason"/>; any other failure to start fails them.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string DefaultBin = "/usr/lib/postgresql/15/bin";

    /// <summary>The superuser's password: connections over TCP need it (scram-sha-256), so wrong credentials can be tested.</summary>
    public const string Password = "ivr-test-secret";

    private readonly string? _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private readonly Dictionary<string, string> _perClass = [];
    private int _databases;

    public PostgresServer()
    {
        _bin = Environment.GetEnvironmentVariable("IVR_TEST_PG_BIN") ?? DefaultBin;
        if (!File.Exists(Path.Combine(_bin, "initdb")) || !File.Exists(Path.Combine(_bin, "pg_ctl")))
        {
            SkipReason = $"PostgreSQL tests skipped: no initdb/pg_ctl in {_bin} (apt-get install postgresql-15, or set IVR_TEST_PG_BIN)";
            return;
        }
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("ivr-pg-test-").FullName;
        var passwordFile = Path.Combine(_folder, "password");
        File.WriteAllText(passwordFile, Password + "\n");
        if (_asPostgresUser) Run("chown", "-R", "postgres:postgres", _folder);
        Port = FreePorts.One();
        var data = Path.Combine(_folder, "data");
        RunPostgres("initdb", "-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile", passwordFile,
            "-E", "UTF8", "--locale=C", "--no-sync");
        CountsStatements = File.Exists(Path.Combine(_bin, "..", "lib", "pg_stat_statements.so"));
        var statementCounts = CountsStatements ? " -c shared_preload_libraries=pg_stat_statements" : "";
        RunPostgres("pg_ctl", "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -F -c full_page_writes=off -c synchronous_commit=off -c max_connections=500{statementCounts}", "start");
        AdminConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database=postgres;Pooling=false";
        Admin($"CREATE DATABASE {Template};");
        IvrDatabase.Open(Url(Template));
        Disconnect(Template);
    }

    /// <summary>A database with every migration applied, copied for each test (migrating anew each time costs more than the copy).</summary>
    private const string Template = "ivr_migrated";

    /// <summary>Why the PostgreSQL tests are skipped, or null when the server runs.</summary>
    public string? SkipReason { get; }

    public int Port { get; }

    /// <summary>Whether the server counts the statements it runs (<c>pg_stat_statements</c>, loaded when the library is
    /// installed: a database uses it after <c>CREATE EXTENSION pg_stat_statements</c>).</summary>
    public bool CountsStatements { get; }

    public string AdminConnectionString { get; } = "";

    /// <summary>
    /// A database for one test, at the current schema and with no rows: one database per test class
    /// (told apart by where the class calls this), emptied (<c>TRUNCATE … RESTART IDENTITY</c>) for each of
    /// its tests, as copying a database costs far more than emptying one. Skips the test when there is no server.
    /// </summary>
    public PostgresDatabase NewDatabase([CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var key = $"{file}:{line}";
        lock (_perClass)
        {
            if (_perClass.TryGetValue(key, out var name))
            {
                Empty(name);
                return new PostgresDatabase(this, name);
            }
            var created = Create(Template);
            _perClass[key] = created.Name;
            return created;
        }
    }

    /// <summary>A new database without any table, for the tests of migrating.</summary>
    public PostgresDatabase NewEmptyDatabase() => Create("template1");

    /// <summary>Deletes every row of every table but <c>schema_version</c>, and restarts the identities.</summary>
    private void Empty(string database)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""
            DO $$ BEGIN
              EXECUTE (SELECT 'TRUNCATE ' || string_agg(quote_ident(table_name), ', ') || ' RESTART IDENTITY CASCADE'
                       FROM information_schema.tables
                       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_version');
            END $$;
            """, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Ends every session on <paramref name="database"/> (pools left open by the code under test).</summary>
    public void Disconnect(string database)
        => Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid();");

    private PostgresDatabase Create(string template)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var name = $"ivr_test_{Interlocked.Increment(ref _databases)}";
        Admin($"CREATE DATABASE {name} TEMPLATE {template};");
        return new PostgresDatabase(this, name);
    }

    public string Url(string database, string password = Password) => $"postgresql://postgres:{password}@127.0.0.1:{Port}/{database}";

    /// <summary>Runs one statement as the superuser on the server's <c>postgres</c> database.</summary>
    public void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_folder is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunPostgres("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void RunPostgres(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else Run(path, arguments);
    }

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder ?? "/" };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}{output.Result}"
                + (_folder is not null && File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : ""));
    }
}
