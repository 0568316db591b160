using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class SecureValueDiagnosticsTests
{
    private const string Head = """
        flow: main
        start: get_id
        defaults: { on_fail: bye }
        nodes:
          get_id: { kind: collect, prompt: enter_id, into: id_number, secure: true, next: step }

        """;

    [Fact]
    public void Load_SayOfSecureValue_NamesWhereItBecameSecure()
    {
        using var folder = new FlowFolder().Write("main.yaml", Head + """
              step: { kind: say, value: id_number, as: digits, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:6:29: error: say 'step' would read out 'id_number', a secure value (collected with secure: true at flows/main.yaml:5:52); secure values are never spoken — say another variable, or add readback: true to read an ID, card or phone number back to the caller who typed it"],
            folder.Problems());
    }

    [Fact]
    public void Load_SecureValueCopiedThenSaid_FollowsTheCopy()
    {
        using var folder = new FlowFolder().Write("main.yaml", Head + """
              step: { kind: set, values: { last4: "id_number", n: "len(id_number)" }, next: say }
              say: { kind: say, value: last4, as: digits, next: count }
              count: { kind: say, value: n, as: number, next: bye }
              bye: { kind: hangup }
            """);

        var problems = folder.Problems();

        Assert.Contains(problems, p => p.StartsWith(
            "flows/main.yaml:7:28: error: say 'say' would read out 'last4', a secure value (became secure at flows/main.yaml:6:32, computed from 'id_number', collected with secure: true at flows/main.yaml:5:52)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flows/main.yaml:8:30: error: say 'count' would read out 'n'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SecureValueInTransferContext_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", Head + """
              step: { kind: transfer, queue: general, context: { who: id_number, path: call.path }, on_failure: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:6:59: error: transfer 'step': context 'who' passes 'id_number', a secure value (collected with secure: true at flows/main.yaml:5:52), to the agent; remove it from context"],
            folder.Problems());
    }

    [Fact]
    public void Load_SecureValueStoredInPlainFlowVariable_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: get_id
            variables: { copy: "" }
            defaults: { on_fail: bye }
            nodes:
              get_id: { kind: collect, prompt: enter_id, into: id_number, secure: true, next: step }
              step: { kind: set, values: { copy: id_number }, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:3:14: error: variable 'copy' is set here under variables: as a plain value, but it also holds a secure value (became secure at flows/main.yaml:7:32, computed from 'id_number', collected with secure: true at flows/main.yaml:6:52); give the secure value its own variable name, or mark this one secure"],
            folder.Problems());
    }

    [Fact]
    public void Load_SecureValueSentToLookupOrTested_IsFine()
    {
        using var folder = new FlowFolder().Write("main.yaml", Head + """
              step: { kind: lookup, operation: op, inputs: { id: id_number }, on: { ok: check, error: bye } }
              check:
                kind: branch
                cases:
                  - when: len(id_number) == 18
                    then: bye
                else: bye
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }
}
