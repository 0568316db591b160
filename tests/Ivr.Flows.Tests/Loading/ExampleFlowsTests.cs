using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;
using Ivr.Flows.Tests.Support;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Loading;

public class ExampleFlowsTests
{
    [Fact]
    public void Load_ExampleSet_HasNoErrorsAndLinksEverything()
    {
        var result = FlowSetLoader.Load(RepoPaths.Examples, RepoPaths.ExamplePrompts, RepoPaths.ExampleOperations);

        Assert.Empty(result.Errors);
        Assert.All(result.Warnings, w => Assert.Contains("has no audio", w.Message));
        var set = Assert.IsType<Ivr.Flows.Model.FlowSet>(result.Set);
        Assert.Equal(["authentication", "main", "pension"], set.Flows.Keys.Order());
        Assert.Equal(12, set.Version.Length);
        Assert.All(set.AllNodes.SelectMany(n => n.Transitions), t => Assert.True(t.Target is null || t.Target.Node is not null, $"{t.Target} unlinked"));
        var subflow = Assert.IsType<SubflowNode>(set.Flows["pension"].Nodes["start"]);
        Assert.Same(set.Flows["authentication"].Nodes["reset"], subflow.Entry);
        Assert.Same(set.Flows["main"], set.FlowFor("12333"));
    }
}
