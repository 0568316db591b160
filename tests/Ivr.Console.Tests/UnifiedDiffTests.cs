using Ivr.OperationsConsole.Flows;

namespace Ivr.OperationsConsole.Tests;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Of_EqualTexts_IsEmpty() => Assert.Equal("", UnifiedDiff.Of("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void Of_OneChangedLine_IsOneHunkWithThreeLinesOfContext()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 5\n", "line five\n");

        var diff = UnifiedDiff.Of(before, after, "a/f", "b/f");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n", diff);
    }

    [Fact]
    public void Of_ChangesFarApart_AreTwoHunks_AndAddedFileStartsAtZero()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"a{i}")) + "\n";
        var after = before.Replace("\na2\n", "\ntwo\n").Replace("\na19\n", "\nnineteen\n");

        var diff = UnifiedDiff.Of(before, after, "a", "b");

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.StartsWith("--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Of("", "x\ny\n", "/dev/null", "b"));
    }
}
