namespace Ivr.Data;

/// <summary>Rows appended to one table in bulk inside a transaction: values in column order, text, integers, reals or null.</summary>
internal interface IBulkRows : IDisposable
{
    /// <summary>Adds one row (written now or with later rows).</summary>
    void Add(params object?[] row);

    /// <summary>Writes every row added so far.</summary>
    void Flush();
}
