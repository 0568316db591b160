namespace Ivr.Data;

/// <summary>
/// The rows of one <see cref="RowsStatement"/> in a <see cref="StatementBatch"/>: on SQLite each row runs as it is added (its
/// prepared statement bound again), so rows keep their order among the batch's other writes; on PostgreSQL they are held and
/// <see cref="Queue"/> adds them to the batch as one statement (none when there is no row).
/// </summary>
internal sealed class GatheredRows(StatementBatch batch, RowsStatement statement)
{
    private readonly List<object?[]> _rows = [];

    public int Count { get; private set; }

    public void Add(params object?[] row)
    {
        Count++;
        if (batch.Gathers) _rows.Add(row);
        else batch.Add(statement.PerRow, row);
    }

    /// <summary>PostgreSQL: queues the rows held so far as one statement into the batch.</summary>
    public void Queue()
    {
        if (_rows.Count == 0) return;
        batch.AddPositional(statement.Arrays, statement.Columns(_rows));
        _rows.Clear();
    }
}
