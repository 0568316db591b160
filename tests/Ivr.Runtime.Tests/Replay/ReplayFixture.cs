using Ivr.Flows.Model;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Replay;

/// <summary>The flow the replay tests run scripts against, and the scripts' scratch folder.</summary>
internal sealed class ReplayFixture : IDisposable
{
    public const string Flow = """
        flow: main
        start: welcome
        variables:
          announcement: "off"
        defaults:
          invalid: invalid
          no_input: no_input
          on_fail: bye
        nodes:
          welcome:
            kind: play
            prompts: welcome
            next: menu
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": ask_id
              "2": agent
              "3": message
          ask_id:
            kind: collect
            prompt: enter_id
            into: id_number
            min_length: 18
            max_length: 18
            star_as: X
            validate: cn-resident-id
            secure: true
            mask: resident-id
            next: find
          find:
            kind: lookup
            operation: pension.summary
            inputs:
              id: id_number
            outputs:
              amount: pension_amount
            wait_prompt: wait
            wait_after: 2s
            time_limit: 5s
            on:
              ok: tell
              not_found: not_found
              error: lookup_error
          tell:
            kind: say
            before: balance_is
            value: pension_amount
            as: amount
            next: bye
          not_found:
            kind: play
            prompts: not_found
            next: ask_id
          lookup_error:
            kind: hangup
            prompt: lookup_error
          agent:
            kind: transfer
            queue: pension
            prompt: transfer_msg
            on_failure: sorry
          message:
            kind: record
            prompt: record_msg
            into: recording
            next: bye
          sorry:
            kind: hangup
            prompt: sorry
          bye:
            kind: hangup
            prompt: goodbye
        """;

    /// <summary>A valid resident ID for the scripts' test data.</summary>
    public static readonly string Id = ResidentIds.Valid("19580312");

    public ReplayFixture()
    {
        Set = FlowFixture.Load(Flow);
        Folder.Write("test-data.yaml", $"id_number: \"{Id}\"\n");
    }

    public FlowSet Set { get; }

    public TempFolder Folder { get; } = new();

    public string Script(string name, string yaml) => Folder.Write(name, yaml);

    public void Dispose() => Folder.Dispose();
}
