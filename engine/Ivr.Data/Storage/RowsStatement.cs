using System.Text.RegularExpressions;
using Statement = Ivr.Data.StatementBatch.Statement;

namespace Ivr.Data;

/// <summary>
/// One write of many rows: <see cref="PerRow"/>, run once per row (SQLite, prepared once, <see cref="StatementBatch"/>), and
/// <see cref="Arrays"/>, the same write of every row at once on PostgreSQL — each column a typed array
/// (<c>$1::text[]</c>, <c>$2::bigint[]</c>, …, in the order of <see cref="Statement.Names"/>) read with <c>unnest</c>.
/// One statement to parse, plan and execute however many rows, where a statement per row made the cost of a batch grow with
/// its rows (issue 12: the recorder's rollup upserts and call updates). An upsert through <see cref="Arrays"/> must not see
/// one key twice (PostgreSQL refuses to update a row twice in one statement): the callers add up by key first.
/// </summary>
internal sealed partial class RowsStatement
{
    public RowsStatement(Statement perRow, string arrays)
    {
        PerRow = perRow;
        Arrays = arrays;
        var casts = ArrayParameter().Matches(arrays).Select(m => (Index: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Type: m.Groups[2].Value))
            .DistinctBy(p => p.Index).OrderBy(p => p.Index).ToList();
        if (casts.Count != perRow.Names.Length || casts.Select((c, i) => c.Index != i + 1).Any(wrong => wrong))
            throw new ArgumentException($"the array statement must cast $1 … ${perRow.Names.Length} to text[] or bigint[], one per parameter of the row statement", nameof(arrays));
        Integers = casts.Select(c => c.Type == "bigint").ToArray();
    }

    /// <summary>The statement of one row, with named parameters.</summary>
    public Statement PerRow { get; }

    /// <summary>The statement of every row, each parameter an array of one column's values.</summary>
    public string Arrays { get; }

    /// <summary>Per parameter: an array of integers (<c>bigint[]</c>), else of text (<c>text[]</c>).</summary>
    public bool[] Integers { get; }

    /// <summary>The rows as one array per column, typed as <see cref="Arrays"/> casts them (long[], string?[]).</summary>
    public object[] Columns(IReadOnlyList<object?[]> rows)
    {
        var columns = new object[Integers.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            if (Integers[c])
            {
                var numbers = new long[rows.Count];
                for (var r = 0; r < rows.Count; r++)
                    numbers[r] = rows[r][c] switch { long n => n, int n => n, var other => throw new ArgumentException($"column {c + 1}: an integer expected, not {other?.GetType().Name ?? "null"}", nameof(rows)) };
                columns[c] = numbers;
            }
            else
            {
                var texts = new string?[rows.Count];
                for (var r = 0; r < rows.Count; r++)
                    texts[r] = rows[r][c] switch { null => null, string s => s, var other => throw new ArgumentException($"column {c + 1}: text expected, not {other.GetType().Name}", nameof(rows)) };
                columns[c] = texts;
            }
        }
        return columns;
    }

    [GeneratedRegex(@"\$(\d+)::(text|bigint)\[\]")]
    private static partial Regex ArrayParameter();
}
