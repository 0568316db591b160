using Ivr.Host.Cli;

namespace Ivr.Host.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_OptionsSwitchesAndPositionals()
    {
        var line = CommandLine.Parse(["a", "--last", "5", "--json", "--data=/tmp/x", "b"], ["last", "data"], ["json"]);

        Assert.Equal(["a", "b"], line.Positional);
        Assert.Equal(5, line.GetInt("last", 20));
        Assert.True(line.Has("json"));
        Assert.Equal("/tmp/x", line.Get("data"));
    }

    [Fact]
    public void Parse_UnknownOption_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => CommandLine.Parse(["--lsat", "5"], ["last"], []));
        Assert.Contains("--lsat", error.Message);
    }

    [Fact]
    public void Parse_MissingValue_IsAUsageError() =>
        Assert.Throws<UsageException>(() => CommandLine.Parse(["--last"], ["last"], []));

    [Fact]
    public void GetInt_OutOfRange_IsAUsageError() =>
        Assert.Throws<UsageException>(() => CommandLine.Parse(["--last", "0"], ["last"], []).GetInt("last", 20, 1, 100));
}
