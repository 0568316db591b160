using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class ExpressionDiagnosticsTests
{
    [Theory]
    [InlineData("tries = 3", "use '==' to compare", 21)]
    [InlineData("tries >= ", "expression ends too early", 23)]
    [InlineData("size(x) > 1", "unknown function 'size'", 15)]
    [InlineData("(tries > 1", "missing ')'", 25)]
    public void Load_ExpressionSyntaxError_PointsAtTheColumnInTheFile(string condition, string message, int column)
    {
        using var folder = new FlowFolder().Write("main.yaml", $"""
            flow: main
            start: check
            variables: {"{"} tries: "0" {"}"}
            nodes:
              check:
                kind: branch
                cases:
                  - when: {condition}
                    then: bye
                else: bye
              bye: {"{"} kind: hangup {"}"}
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith($"flows/main.yaml:8:{column}: error: branch 'check' case 1: 'when': expression error: {message}", problem);
    }

    [Fact]
    public void Load_QuotedExpression_ColumnCountsTheQuote()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: count
            nodes:
              count: { kind: set, values: { n: "1 +" }, next: bye }
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal("flows/main.yaml:4:40: error: set 'count': 'values.n': expression error: expression ends too early in '1 +'", problem);
    }

    [Fact]
    public void Load_VariableNothingSets_WarnsWithClosestName()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: check
            variables: { announcement_on: "false" }
            nodes:
              check:
                kind: branch
                cases:
                  - when: anouncement_on == "true"
                    then: bye
                else: bye
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal("flows/main.yaml:8:15: warning: 'anouncement_on == \"true\"' reads variable 'anouncement_on', which nothing sets; did you mean 'announcement_on'?", problem);
    }

    [Fact]
    public void Load_BuiltInAndProducedVariables_AreKnown()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask: { kind: collect, prompt: enter_id, into: entered, next: fetch }
              fetch: { kind: lookup, operation: op, inputs: { a: entered, b: call.caller }, outputs: { f: amount }, on: { ok: count, error: bye } }
              count: { kind: set, values: { n: "len(amount) + 1" }, next: say }
              say: { kind: say, value: n, as: number, next: msg }
              msg: { kind: record, into: rec, next: agent }
              agent: { kind: transfer, queue: q, context: { r: rec, d: call.dialled, p: call.path }, on_failure: bye }
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }

    [Fact]
    public void Load_PlayRecordingNothingSets_WarnsWithClosestName()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: msg
            nodes:
              msg: { kind: record, into: message, next: listen }
              listen: { kind: play, recording: mesage, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:5:36: warning: play 'listen': 'recording' should name a record node's into variable, but nothing sets 'mesage'; did you mean 'message'?"],
            folder.Problems());
    }
}
