using System.Data.Common;
using Ivr.Core.Calls;
using Ivr.Core.Privacy;

namespace Ivr.Data.Calls;

/// <summary>
/// The write side of the <c>calls</c> / <c>call_events</c> SQL: every queued item of a batch, in one
/// transaction. SQLite runs three prepared commands reused for every item; PostgreSQL sends the whole
/// batch as one <see cref="DbBatch"/>, a single round trip however many events it holds.
/// </summary>
internal static class CallWriteBatch
{
    private static readonly Statement InsertCall = new("""
        INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at)
        VALUES (@id, @caller, @masked, @dialled, @flow, @version, @at);
        """, "@id", "@caller", "@masked", "@dialled", "@flow", "@version", "@at");

    private static readonly Statement InsertEvent = new("""
        INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version)
        VALUES (@id, @seq, @at, @kind, @node, @outcome, @detail, @version);
        """, "@id", "@seq", "@at", "@kind", "@node", "@outcome", "@detail", "@version");

    private static readonly Statement EndCall = new("""
        UPDATE calls SET ended_at = @at, disposition = @disposition WHERE id = @id;
        """, "@id", "@at", "@disposition");

    public static void Write(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> items)
    {
        if (connection.CanCreateBatch) WriteAsOneBatch(connection, transaction, items);
        else WritePrepared(connection, transaction, items);
    }

    private static void WritePrepared(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> items)
    {
        using var insertCall = PreparedCommand.Prepare(connection, transaction, InsertCall.Sql, InsertCall.Names);
        using var insertEvent = PreparedCommand.Prepare(connection, transaction, InsertEvent.Sql, InsertEvent.Names);
        using var endCall = PreparedCommand.Prepare(connection, transaction, EndCall.Sql, EndCall.Names);
        foreach (var item in items)
        {
            var (statement, values) = Bind(item);
            PreparedCommand.Run(statement == InsertCall ? insertCall : statement == InsertEvent ? insertEvent : endCall, values);
        }
    }

    private static void WriteAsOneBatch(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> items)
    {
        using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var item in items)
        {
            var (statement, values) = Bind(item);
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Positional;
            foreach (var value in values)
            {
                var parameter = command.CreateParameter();
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        batch.ExecuteNonQuery();
    }

    /// <summary>The statement for one queued item and its values; unknown items are a programming error.</summary>
    private static (Statement Statement, object?[] Values) Bind(object item) => item switch
    {
        CallStart start => (InsertCall, [start.CallId, start.Caller, Mask.Phone(start.Caller), start.Dialled, start.Flow, start.FlowVersion, DbTime.ToText(start.At)]),
        CallEvent e => (InsertEvent, [e.CallId, (long)e.Sequence, DbTime.ToText(e.At), e.Kind.ToString(), e.Node, e.Outcome, e.Detail, e.FlowVersion]),
        CallEnd end => (EndCall, [end.CallId, DbTime.ToText(end.At), end.Disposition]),
        _ => throw new ArgumentException($"Unknown call write {item.GetType().Name}.", nameof(item)),
    };

    /// <summary>One statement with named parameters (<c>@name</c>, SQLite) and the same with positional ones (<c>$1</c>, PostgreSQL batches).</summary>
    private sealed class Statement
    {
        public Statement(string sql, params string[] names)
        {
            Sql = sql;
            Names = names;
            var positional = sql;
            foreach (var (name, index) in names.Select((n, i) => (n, i)).OrderByDescending(p => p.n.Length))
                positional = positional.Replace(name, "$" + (index + 1));
            Positional = positional;
        }

        public string Sql { get; }

        public string[] Names { get; }

        public string Positional { get; }
    }
}
