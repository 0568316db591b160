using System.Net.Sockets;
using Npgsql;

namespace Ivr.Data;

/// <summary>Turns what Npgsql throws while opening into one clear sentence that names the URL (never its password).</summary>
internal static class PostgresFailures
{
    public static NpgsqlConnection Open(NpgsqlDataSource source, string display)
        => Run(display, source.OpenConnection);

    public static T Run<T>(string display, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new DatabaseOpenException($"PostgreSQL at {display} refused the credentials ({ex.SqlState}: {ex.MessageText}).", ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new DatabaseOpenException($"PostgreSQL at {display} has no such database ({ex.MessageText}); create it first (createdb).", ex);
        }
        catch (PostgresException ex)
        {
            throw new DatabaseOpenException($"PostgreSQL at {display} failed: {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (NpgsqlException ex)
        {
            throw new DatabaseOpenException($"Cannot reach PostgreSQL at {display}: {Reason(ex)}", ex);
        }
        catch (SocketException ex)
        {
            throw new DatabaseOpenException($"Cannot reach PostgreSQL at {display}: {ex.Message}", ex);
        }
    }

    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is { } next) inner = next;
        return inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
    }
}
