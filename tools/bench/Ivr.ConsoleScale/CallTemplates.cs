using Ivr.Core.Calls;
using Ivr.Flows.Model;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.Runtime.Replay;

namespace Ivr.ConsoleScale;

/// <summary>A replay script's recorded call: its events (times relative to its start) and how it ended.</summary>
internal sealed record CallTemplate(string Script, IReadOnlyList<CallEvent> Events, TimeSpan Length, string Disposition);

/// <summary>The event sequences the replay scripts produce against the demo back end: what seeded calls are made of.</summary>
internal static class CallTemplates
{
    public static async Task<IReadOnlyList<CallTemplate>> RecordAsync(FlowSet set, string folder)
    {
        var templates = new List<CallTemplate>();
        await using var backend = await DemoBackend.CreateAsync(set, CancellationToken.None);
        var runner = new ReplayRunner(set, backend.Lookups);
        foreach (var file in ScriptFiles.Find([folder]))
        {
            var script = ReplayScriptReader.Read(file);
            var result = runner.Run(script);
            if (!result.Passed || result.Events.Count == 0) continue;
            templates.Add(new CallTemplate(file, result.Events, result.CallLength, result.Disposition ?? "abandoned"));
        }
        return templates;
    }
}
