using System.Globalization;
using System.Text;

namespace Ivr.Runtime.Replay;

/// <summary>
/// Writes a replay script from a recorded call's events. Keys are replayed with the caller's timing
/// (<c>after:</c> from the previous step); masked entries become placeholders named after the node,
/// so no secure value is ever copied; lookups become stubs with the recorded outcome and outputs; an
/// instant fax becomes <c>expect_fax</c> with the fax machine's recorded answer as <c>fax:</c>.
/// </summary>
public static partial class CallScriptWriter
{
    public static string Write(CallSummary call, IReadOnlyList<CallEvent> events)
    {
        var steps = new StringBuilder();
        var stubs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        var placeholders = new List<string>();
        var last = call.StartedAt;
        string? pendingLookup = null;
        var pendingOutputs = new List<string>();
        DateTimeOffset? faxStarted = null;
        string? fax = null;

        void FlushLookup()
        {
            if (pendingLookup is null) return;
            var parts = pendingLookup.Split('|');
            var outputs = pendingOutputs.Count == 0 ? "" : $", outputs: {{ {string.Join(", ", pendingOutputs)} }}";
            (stubs.TryGetValue(parts[0], out var list) ? list : stubs[parts[0]] = []).Add($"{{ outcome: {parts[1]}{outputs} }}");
            pendingLookup = null;
            pendingOutputs.Clear();
        }

        foreach (var e in events)
        {
            if (e.Kind != CallEventKind.VariableSet || e.Outcome is null) FlushLookup();
            switch (e.Kind)
            {
                case CallEventKind.PromptPlayed when e.Outcome is null && !string.IsNullOrEmpty(e.Detail):
                    steps.Append($"  - expect: [{string.Join(", ", e.Detail.Split(' '))}]\n");
                    last = e.At;
                    break;
                case CallEventKind.DigitsReceived or CallEventKind.InputRejected when e.Outcome is null or "invalid" or "repeat" && e.Detail is { } detail:
                    var digits = detail.Split(':')[0];
                    if (digits.Contains('*') && digits.Any(char.IsAsciiDigit) || digits.All(c => c == '*'))
                    {
                        var name = Placeholder(e.Node, placeholders);
                        digits = $"{{{name}}}";
                    }

                    steps.Append($"  - press: \"{digits}\"\n    after: {Ms(e.At - last)}\n");
                    last = e.At;
                    break;
                case CallEventKind.LookupCompleted when e.Detail is { } lookup:
                    pendingLookup = $"{lookup.Split(' ')[0]}|{e.Outcome}";
                    break;
                case CallEventKind.VariableSet when pendingLookup is not null && e.Detail is { } set:
                    var eq = set.IndexOf('=');
                    if (eq > 0 && !set[(eq + 1)..].Contains('*')) pendingOutputs.Add($"{e.Outcome}: \"{set[(eq + 1)..]}\"");
                    break;
                case CallEventKind.TransferRequested:
                    steps.Append($"  - expect_transfer: {e.Detail}\n");
                    break;
                case CallEventKind.TransferCompleted when e.Detail is { } queue && e.Outcome is { } outcome:
                    agents[queue] = outcome;
                    break;
                case CallEventKind.FaxStarted when e.Detail is { } document:
                    steps.Append($"  - expect_fax: {document.Replace("document ", "")}\n");
                    faxStarted = e.At;
                    break;
                case CallEventKind.FaxFinished when faxStarted is { } started && e.Outcome is { } faxOutcome:
                    var pages = FaxPages().Match(e.Detail ?? "");
                    fax = $"{{ outcome: {faxOutcome}{(pages.Success ? $", pages_sent: {pages.Groups[1]}, pages_total: {pages.Groups[2]}, result_code: {pages.Groups[3]}" : "")}, duration: {Ms(e.At - started)} }}";
                    faxStarted = null;
                    last = e.At;
                    break;
                case CallEventKind.RecordingSaved:
                    var seconds = e.Detail?.Split(' ') is [_, var s, ..] ? s : "0";
                    steps.Append($"  - expect_recording: {{}}\n  - record: {{ length: {seconds}s, end: {e.Outcome ?? "key"} }}\n");
                    last = e.At;
                    break;
                case CallEventKind.NodeLeft when e.Outcome == "hangup":
                    steps.Append($"  - wait: {Ms(e.At - last)}\n  - hangup: {{}}\n");
                    last = e.At;
                    break;
                case CallEventKind.CallEnded:
                    steps.Append($"  - expect_hangup: {e.Outcome ?? call.Disposition}\n");
                    break;
            }
        }

        FlushLookup();
        var text = new StringBuilder();
        text.Append($"# Made by 'ivr script-from-call {call.CallId}' from a call of flow version {call.FlowVersion}.\n");
        if (placeholders.Count > 0)
            text.Append($"# Fill these placeholders in a test-data.yaml beside this script: {string.Join(", ", placeholders)}\n");
        text.Append($"name: call {call.CallId}\n");
        text.Append("caller: \"13000000000\"   # the caller's real number is not copied\n");
        text.Append($"dialled: \"{call.Dialled}\"\n");
        text.Append($"at: {call.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}\n");
        if (stubs.Count > 0)
        {
            text.Append("lookups:\n");
            foreach (var (op, answers) in stubs) text.Append($"  {op}: [{string.Join(", ", answers)}]\n");
        }

        if (agents.Count > 0)
        {
            text.Append("agents:\n");
            foreach (var (queue, outcome) in agents) text.Append($"  {queue}: {outcome}\n");
        }

        if (fax is not null) text.Append($"fax: {fax}\n");
        text.Append("steps:\n").Append(steps);
        return text.ToString();
    }

    private static string Placeholder(string? node, List<string> seen)
    {
        var name = (node ?? "entry").Replace('.', '_');
        var unique = name;
        for (var i = 2; seen.Contains(unique); i++) unique = $"{name}_{i}";
        seen.Add(unique);
        return unique;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+)/(\d+) pages, result code (-?\d+)")]
    private static partial System.Text.RegularExpressions.Regex FaxPages();

    private static string Ms(TimeSpan span) => $"{Math.Max(0, (long)span.TotalMilliseconds)}ms";
}
