using System.Text;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Calls;

namespace Ivr.OperationsConsole.Tests;

public sealed class CallCsvTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 23, 30, 0, 125, TimeSpan.Zero);

    [Fact]
    public void Append_WritesOneCrlfLine_WithTimesToTheMillisecond_AndAnEmptyEndWhileInProgress()
    {
        var text = new StringBuilder();

        CallCsv.Append(text, Call("c-1", "main.menu pension.menu", Start.AddMinutes(2)));
        CallCsv.Append(text, Call("c-2", "", null));

        Assert.Equal(
            "c-1,139*****678,12333,v1,2026-11-23T23:30:00.125+00:00,2026-11-23T23:32:00.125+00:00,completed,main.menu pension.menu\r\n" +
            "c-2,139*****678,12333,v1,2026-11-23T23:30:00.125+00:00,,completed,\r\n", text.ToString());
    }

    [Theory]
    [InlineData("plain@host", "plain@host")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("-1", "'-1")]
    [InlineData("@x,\"y\"", "\"'@x,\"\"y\"\"\"")]
    public void Append_QuotesOnlyWhatNeedsIt_AndDisarmsFormulas(string callId, string field)
    {
        var text = new StringBuilder("kept,");

        CallCsv.Append(text, Call(callId, "", null));

        Assert.StartsWith("kept," + field + ",139*****678,", text.ToString(), StringComparison.Ordinal);
    }

    private static CallListing Call(string id, string path, DateTimeOffset? ended)
        => new(id, "139*****678", "12333", "v1", Start, ended, "completed", path);
}
