using System.Text;

namespace Ivr.OperationsConsole.Flows;

/// <summary>
/// A unified diff (the format of <c>diff -u</c>: <c>---</c>/<c>+++</c> headers, <c>@@ -a,b +c,d @@</c> hunks
/// with <see cref="Context"/> unchanged lines around each change) of two texts, line by line, from a
/// longest common subsequence. Flow files are small; the table is (n+1)·(m+1) integers.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>The diff, or an empty string when the texts are equal.</summary>
    public static string Of(string oldText, string newText, string oldName, string newName)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' ')) return "";

        var text = new StringBuilder();
        text.Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            // Find the next change, start the hunk Context lines before it, and extend it while changes are close.
            var change = edits.FindIndex(i, e => e.Op != ' ');
            if (change < 0) break;
            var start = Math.Max(i, change - Context);
            var end = change;
            while (true)
            {
                var next = edits.FindIndex(end + 1, e => e.Op != ' ');
                if (next < 0 || next - end > 2 * Context) break;
                end = next;
            }

            var stop = Math.Min(edits.Count, end + Context + 1);
            var hunk = edits.GetRange(start, stop - start);
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            var oldCount = hunk.Count(e => e.Op != '+');
            var newCount = hunk.Count(e => e.Op != '-');
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            foreach (var e in hunk) text.Append(e.Op).Append(e.Text).Append('\n');
            i = stop;
        }

        return text.ToString();
    }

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start - 1},0",
        1 => $"{start}",
        _ => $"{start},{count}",
    };

    private static string[] Lines(string text)
    {
        var normalized = text.Replace("\r\n", "\n");
        if (normalized.EndsWith('\n')) normalized = normalized[..^1];
        return normalized.Length == 0 ? [] : normalized.Split('\n');
    }

    /// <summary>Edit script: ' ' kept, '-' only in old, '+' only in new; with 1-based line numbers in each.</summary>
    private static List<(char Op, string Text, int OldLine, int NewLine)> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
            for (var y = b.Length - 1; y >= 0; y--)
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);

        var edits = new List<(char, string, int, int)>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                edits.Add((' ', a[i], i + 1, j + 1));
                i++;
                j++;
            }
            else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                // Removals before additions, as diff -u writes a changed line.
                edits.Add(('-', a[i], i + 1, j + 1));
                i++;
            }
            else
            {
                edits.Add(('+', b[j], i + 1, j + 1));
                j++;
            }
        }

        return edits;
    }
}
