using Ivr.Core.Calls;
using Ivr.Flows.Model;
using System.Text;
using Ivr.Runtime.Replay;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// A try-call as a replay script (the format of tests/replay): <see cref="CallScriptWriter"/>'s steps, with the switch
/// values the call started with. Secure entries (ID numbers, card numbers, PINs) become placeholders, the caller is
/// the fixed test number: nothing typed in the browser that is secure reaches the script.
/// </summary>
internal static class TryCallScript
{
    public const string Caller = "13000000000";
    public const string Dialled = "12333";

    public static string Write(TryCall call)
    {
        var events = call.Recorder.Events();
        var summary = new CallSummary(call.Id, Caller, Dialled, call.StartedAt, call.EndedAt, call.Session.Disposition, call.Set.Version,
            events.Where(e => e.Kind == CallEventKind.NodeEntered && e.Node is not null).Select(e => e.Node!).ToList());
        var text = CallScriptWriter.Write(summary, events)
            .Replace($"# Made by 'ivr script-from-call {call.Id}'", $"# Made from try-call (试拨) {call.Id} by {call.User}");
        if (call.Switches.Count == 0) return text;
        var switches = new StringBuilder("switches:\n");
        foreach (var (name, value) in call.Switches.OrderBy(s => s.Key, StringComparer.Ordinal)) switches.Append($"  {name}: \"{value}\"\n");
        var at = text.IndexOf("\nsteps:\n", StringComparison.Ordinal);
        return at < 0 ? text : text.Insert(at + 1, switches.ToString());
    }
}
