using Ivr.Sip.Tests.TestSupport;

namespace Ivr.Sip.Tests.Torture;

/// <summary>
/// RFC 4475 messages fed to the whole endpoint as UDP datagrams: the final response Ivr sends (or that it
/// sends nothing) must be the one recorded in Torture/expectations.tsv, and nothing may throw.
/// </summary>
public sealed class TortureEndpointTests
{
    [Theory]
    [MemberData(nameof(TortureCase.Names), MemberType = typeof(TortureCase))]
    public void Receive_TortureMessage_SendsExpectedFinalResponse(string file)
    {
        var expected = TortureCase.Get(file);
        var harness = new EndpointHarness();

        harness.Receive(expected.Bytes);

        var finals = harness.Sender.StatusCodes.Where(c => c >= 200).ToList();
        if (expected.Outcome == "drop")
        {
            Assert.Empty(harness.Sender.Sent);
        }
        else
        {
            Assert.Equal([int.Parse(expected.Outcome)], finals);
        }

        Assert.DoesNotContain(harness.Log.Warnings, w => w.Contains("work item failed"));
    }
}
