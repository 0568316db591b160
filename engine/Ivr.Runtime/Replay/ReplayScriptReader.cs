using System.Globalization;
using Ivr.Core.Fax;
using Ivr.Core.Speech;
using Ivr.Flows.Loading.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Runtime.Replay;

/// <summary>
/// Reads replay scripts (format in tests/replay/README.md). Placeholders such as <c>{id_number}</c>
/// come from a test-data file: the script's <c>data:</c>, else the nearest <c>test-data.yaml</c> in
/// its folder or a parent. Problems throw <see cref="ReplayScriptException"/> with the location.
/// </summary>
public static class ReplayScriptReader
{
    private static readonly HashSet<string> TopFields = ["name", "caller", "dialled", "at", "data", "variables", "switches", "lookups", "agents", "headers", "fax", "steps"];

    public static ReplayScript Read(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path)) stream.Load(reader);
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new ReplayScriptException($"{path}:1:1: error: a replay script is a mapping with 'steps:'");
        }
        catch (YamlException ex)
        {
            throw new ReplayScriptException($"{path}:{ex.Start.Line}:{ex.Start.Column}: error: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (ArgumentException)
        {
            throw new ReplayScriptException($"{path}:1:1: error: {YamlTagRefusal.Message}");
        }

        foreach (var (key, _) in root.Children)
            if (!TopFields.Contains(Text(key))) throw Error(path, key, $"unknown field '{Text(key)}'; expected one of {string.Join(", ", TopFields)}");

        var steps = Get(root, "steps") as YamlSequenceNode ?? throw Error(path, root, "missing 'steps:' (a list of steps)");
        return new ReplayScript
        {
            Path = path,
            Name = Scalar(root, "name") ?? System.IO.Path.GetFileNameWithoutExtension(path),
            Caller = Scalar(root, "caller") ?? "13000000000",
            Dialled = Scalar(root, "dialled") ?? "12333",
            At = Scalar(root, "at") is { } at
                ? DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : throw Error(path, Get(root, "at")!, $"'{at}' is not a date and time like 2026-11-23T10:00:00+08:00")
                : new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)),
            Data = ReadData(path, Scalar(root, "data")),
            Variables = (Get(root, "variables") as YamlMappingNode)?.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) ?? new Dictionary<string, string>(),
            Headers = (Get(root, "headers") as YamlMappingNode)?.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) ?? new Dictionary<string, string>(),
            Switches = ReadSwitches(path, Get(root, "switches")),
            Lookups = ReadLookups(path, Get(root, "lookups") as YamlMappingNode),
            Agents = (Get(root, "agents") as YamlMappingNode)?.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) ?? new Dictionary<string, string>(),
            Fax = ReadFax(path, Get(root, "fax"), out var faxDuration),
            FaxDuration = faxDuration,
            Steps = [.. steps.Children.Select(s => ReadStep(path, s))],
        };
    }

    /// <summary><c>switches: { announcement_on: "true" }</c>: the editors' switch values the call starts with.</summary>
    private static Dictionary<string, string> ReadSwitches(string path, YamlNode? node)
    {
        if (node is null) return new Dictionary<string, string>();
        if (node is not YamlMappingNode map) throw Error(path, node, "switches takes a mapping of switch: \"true\" or \"false\"");
        foreach (var (key, value) in map.Children)
            if (!FlowSwitch.IsValue(Text(value))) throw Error(path, value, $"switch '{Text(key)}' is \"true\" or \"false\", not '{Text(value)}'");
        return map.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value));
    }

    private static ReplayStep ReadStep(string path, YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0) throw Error(path, node, "a step is a mapping such as 'expect: welcome' or 'press: \"1\"'");
        var (keyNode, value) = map.Children.First();
        var key = Text(keyNode);
        var line = (int)keyNode.Start.Line;
        TimeSpan? Time(string field) => Scalar(map, field) is { } t
            ? Duration.TryParse(t, out var d) ? d : throw Error(path, Get(map, field)!, $"'{t}' is not a duration like 500ms, 2s or 1m")
            : null;

        return key switch
        {
            "expect" => new ReplayStep(ReplayStepKind.Expect, line) { Values = List(value) },
            "expect_say" => ReadSay(path, line, value),
            "press" => new ReplayStep(ReplayStepKind.Press, line) { Values = [Text(value)], After = Time("after"), Gap = Time("gap") ?? TimeSpan.FromMilliseconds(200) },
            "wait" => new ReplayStep(ReplayStepKind.Wait, line) { After = Duration.TryParse(Text(value), out var w) ? w : throw Error(path, value, $"'{Text(value)}' is not a duration like 6s") },
            "expect_node" => new ReplayStep(ReplayStepKind.ExpectNode, line) { Values = [Text(value)] },
            "expect_variable" => new ReplayStep(ReplayStepKind.ExpectVariable, line)
            {
                Variables = (value as YamlMappingNode ?? throw Error(path, value, "expect_variable takes a mapping of name: value")).Children.Select(c => KeyValuePair.Create(Text(c.Key), Text(c.Value))).ToList(),
            },
            "expect_transfer" => new ReplayStep(ReplayStepKind.ExpectTransfer, line) { Values = [Text(value)] },
            "expect_recording" => new ReplayStep(ReplayStepKind.ExpectRecording, line),
            "expect_fax" => new ReplayStep(ReplayStepKind.ExpectFax, line) { Values = [Text(value)] },
            "record" => new ReplayStep(ReplayStepKind.Record, line)
            {
                After = Scalar(value as YamlMappingNode, "length") is { } l && Duration.TryParse(l, out var length) ? length : throw Error(path, value, "record needs 'length:' such as 10s"),
                EndedBy = Scalar(value as YamlMappingNode, "end") ?? "key",
            },
            "hangup" => new ReplayStep(ReplayStepKind.Hangup, line),
            "expect_hangup" => new ReplayStep(ReplayStepKind.ExpectHangup, line) { Values = Text(value) is { Length: > 0 } d ? [d] : [] },
            _ => throw Error(path, keyNode, $"unknown step '{key}'; steps are expect, expect_say, press, wait, expect_node, expect_variable, expect_transfer, expect_recording, expect_fax, record, hangup, expect_hangup"),
        };
    }

    private static ReplayStep ReadSay(string path, int line, YamlNode value)
    {
        var map = value as YamlMappingNode ?? throw Error(path, value, "expect_say takes { as: amount, value: \"3256.50\" }");
        var kindText = Scalar(map, "as") ?? throw Error(path, value, "expect_say needs 'as:' (number, amount, digits, date, month, time)");
        if (!Enum.TryParse<SayAsKind>(kindText, ignoreCase: true, out var kind)) throw Error(path, Get(map, "as")!, $"'{kindText}' is not one of number, amount, digits, date, month, time");
        return new ReplayStep(ReplayStepKind.ExpectSay, line) { SayAs = kind, Values = [Scalar(map, "value") ?? throw Error(path, value, "expect_say needs 'value:'")] };
    }

    private static readonly HashSet<string> FaxFields = ["outcome", "pages_sent", "pages_total", "result_code", "duration"];

    /// <summary><c>fax: { outcome: failed, pages_sent: 1, pages_total: 3, result_code: 48, duration: 40s }</c>: how the caller's fax machine answers.</summary>
    private static FaxResult? ReadFax(string path, YamlNode? node, out TimeSpan duration)
    {
        duration = TimeSpan.FromSeconds(30);
        if (node is null) return null;
        var map = node as YamlMappingNode ?? throw Error(path, node, "fax takes { outcome: sent|partially_sent|busy|no_answer|failed|unavailable, pages_sent, pages_total, result_code, duration }");
        foreach (var (key, _) in map.Children)
            if (!FaxFields.Contains(Text(key))) throw Error(path, key, $"unknown fax field '{Text(key)}'; expected one of {string.Join(", ", FaxFields)}");
        var outcomeText = Scalar(map, "outcome") ?? "sent";
        var outcome = Enum.GetValues<FaxOutcome>().Cast<FaxOutcome?>().FirstOrDefault(o => Nodes.FaxHandler.OutcomeName(o!.Value) == outcomeText)
            ?? throw Error(path, Get(map, "outcome") ?? map, $"'{outcomeText}' is not a fax outcome: {string.Join(", ", Enum.GetValues<FaxOutcome>().Select(Nodes.FaxHandler.OutcomeName))}");
        if (Scalar(map, "duration") is { } d)
            duration = Duration.TryParse(d, out var t) ? t : throw Error(path, Get(map, "duration")!, $"'{d}' is not a duration like 30s");
        int Number(string field, int fallback) => Scalar(map, field) is { } text
            ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw Error(path, Get(map, field)!, $"'{text}' is not a whole number")
            : fallback;
        var total = Number("pages_total", outcome == FaxOutcome.Unavailable ? 0 : 1);
        var sent = Number("pages_sent", outcome == FaxOutcome.Sent ? total : 0);
        var code = Number("result_code", outcome == FaxOutcome.Sent ? 0 : -1);
        return new FaxResult(outcome, sent, total, code, $"scripted {outcomeText}");
    }

    private static Dictionary<string, IReadOnlyList<LookupStub>> ReadLookups(string path, YamlMappingNode? map)
    {
        var stubs = new Dictionary<string, IReadOnlyList<LookupStub>>(StringComparer.Ordinal);
        if (map is null) return stubs;
        foreach (var (key, value) in map.Children)
        {
            var answers = value is YamlSequenceNode list ? list.Children : [value];
            stubs[Text(key)] = answers.Select(a => ReadStub(path, a)).ToList();
        }

        return stubs;
    }

    private static LookupStub ReadStub(string path, YamlNode node)
    {
        if (node is YamlScalarNode scalar) return new LookupStub(scalar.Value ?? "ok", new Dictionary<string, string>(), TimeSpan.Zero);
        var map = node as YamlMappingNode ?? throw Error(path, node, "a lookup stub is an outcome (ok) or a mapping { outcome, outputs, delay }");
        var delay = Scalar(map, "delay") is { } d ? Duration.TryParse(d, out var t) ? t : throw Error(path, node, $"'{d}' is not a duration") : TimeSpan.Zero;
        var outputs = (Get(map, "outputs") as YamlMappingNode)?.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) ?? [];
        return new LookupStub(Scalar(map, "outcome") ?? "ok", outputs, delay);
    }

    private static Dictionary<string, string> ReadData(string scriptPath, string? named)
    {
        var file = named is not null
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(scriptPath) ?? ".", named)
            : FindTestData(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(scriptPath)));
        if (file is null) return [];
        if (!File.Exists(file)) throw new ReplayScriptException($"{scriptPath}:1:1: error: test-data file '{named}' not found");
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(file);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ReplayScriptException($"{file}:{ex.Start.Line}:{ex.Start.Column}: error: test data: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (ArgumentException)
        {
            throw new ReplayScriptException($"{file}:1:1: error: test data: {YamlTagRefusal.Message}");
        }

        return (stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode)?.Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) ?? [];
    }

    private static string? FindTestData(string? folder)
    {
        for (var dir = folder; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            var candidate = System.IO.Path.Combine(dir, "test-data.yaml");
            if (File.Exists(candidate)) return candidate;
            if (Directory.Exists(System.IO.Path.Combine(dir, ".git"))) break;
        }

        return null;
    }

    private static IReadOnlyList<string> List(YamlNode node) =>
        node is YamlSequenceNode seq ? [.. seq.Children.Select(Text)] : [Text(node)];

    private static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode? map, string key) => Get(map, key) is YamlScalarNode s ? s.Value : null;

    private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    private static ReplayScriptException Error(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}:{node.Start.Column}: error: {message}");
}
