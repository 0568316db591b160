using Npgsql;
using NpgsqlTypes;

namespace Ivr.Data;

/// <summary>
/// Rows streamed into one PostgreSQL table by <c>COPY … FROM STDIN (FORMAT BINARY)</c> (<see cref="NpgsqlBinaryImporter"/>), in the
/// connection's open transaction: no statement per row or per group to parse, bind and plan, the values sent in their binary
/// form. Text as <c>text</c>, integers as <c>bigint</c> (every integer column is one, <c>PostgresDdl</c>), reals as
/// <c>double precision</c>. <see cref="Flush"/> ends the copy; nothing is stored before it (a dropped importer cancels the copy).
/// </summary>
internal sealed class PostgresCopyRows(NpgsqlConnection connection, string table, IReadOnlyList<string> columns) : IBulkRows
{
    private NpgsqlBinaryImporter? _importer;

    public void Add(params object?[] row)
    {
        if (row.Length != columns.Count) throw new ArgumentException($"{table}: {columns.Count} values expected, {row.Length} given.", nameof(row));
        _importer ??= connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        _importer.StartRow();
        foreach (var value in row)
        {
            switch (value)
            {
                case null: _importer.WriteNull(); break;
                case string text: _importer.Write(text, NpgsqlDbType.Text); break;
                case long number: _importer.Write(number, NpgsqlDbType.Bigint); break;
                case int number: _importer.Write((long)number, NpgsqlDbType.Bigint); break;
                case double real: _importer.Write(real, NpgsqlDbType.Double); break;
                default: throw new ArgumentException($"{table}: a {value.GetType().Name} cannot be copied in bulk", nameof(row));
            }
        }
    }

    public void Flush()
    {
        if (_importer is null) return;
        _importer.Complete();
        _importer.Dispose();
        _importer = null;
    }

    public void Dispose() => _importer?.Dispose();
}
