using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Outbound;

public sealed class NumberRuleTests
{
    [Fact]
    public void Apply_StripsThenPrepends()
    {
        var rule = new NumberRule("0086", Strip: 4, Prepend: "0");

        Assert.True(rule.Matches("00861088886666"));
        Assert.Equal("01088886666", rule.Apply("00861088886666"));
        Assert.False(rule.Matches("01088886666"));
    }

    [Fact]
    public void Apply_StripLongerThanNumber_LeavesOnlyPrefix()
    {
        Assert.Equal("9", new NumberRule("1", Strip: 5, Prepend: "9").Apply("12"));
    }
}
