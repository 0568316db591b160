using Ivr.Data.Nodes;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Telling a crashed earlier run of this host from a process that still holds the node id.</summary>
public sealed class NodeInstanceTests
{
    [Fact]
    public void IsGone_ThisProcess_False() => Assert.False(NodeInstance.IsGone(NodeInstance.Current));

    [Theory]
    [InlineData("elsewhere/1/1")] // another host: cannot be checked, so never taken for gone
    [InlineData("not an instance")]
    public void IsGone_UncheckableInstance_False(string instance) => Assert.False(NodeInstance.IsGone(instance));

    [Fact]
    public void IsGone_ThisHostAPidThatRunsNoMore_True() => Assert.True(NodeInstance.IsGone($"{Environment.MachineName}/{int.MaxValue - 1}/1"));

    [Fact]
    public void IsGone_ThisPidStartedAtAnotherTime_True()
    {
        var parts = NodeInstance.Current.Split('/');
        Assert.True(NodeInstance.IsGone($"{parts[0]}/{parts[1]}/{long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) - 100}"));
    }
}
