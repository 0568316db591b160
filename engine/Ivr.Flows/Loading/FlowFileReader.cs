using System.Text.RegularExpressions;
using Ivr.Flows.Loading.Kinds;
using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>Turns one flow file's YAML into a <see cref="FlowDraft"/>; every problem found becomes a diagnostic.</summary>
internal static partial class FlowFileReader
{
    public static readonly IReadOnlyList<string> Fields = ["flow", "description", "start", "variables", "switches", "defaults", "nodes"];

    /// <summary>The flow, or null when the file is not a flow at all (syntax error, empty, not a map).</summary>
    public static FlowDraft? Read(string path, string relativePath, string text, ICollection<Diagnostic> diagnostics)
    {
        var root = YamlDocumentReader.Read(path, text, diagnostics);
        if (root is null)
        {
            if (!diagnostics.Any(d => d.Path == path)) diagnostics.Add(Diagnostic.Error(SourceLocation.File(path), "the file is empty; a flow file starts with flow: name"));
            return null;
        }

        if (root is not YamlMap map)
        {
            diagnostics.Add(Diagnostic.Error(root.Location, $"a flow file must be a map starting with flow: name, not {root.Describe()}"));
            return null;
        }

        var context = new FlowFileContext(path, "", diagnostics);
        var top = new FieldReader(map, "the flow", Fields, context, "") { OwnerLocation = new SourceLocation(path, 1, 1) };
        var name = ReadName(top, Path.GetFileNameWithoutExtension(path));
        context.FlowName = name;
        var defaultsMap = top.SubMap("defaults");
        var defaults = defaultsMap is null
            ? new FlowDefaults()
            : FlowDefaults.Read(new FieldReader(defaultsMap, "defaults", FlowDefaults.Fields, context, "(defaults)") { OwnerLocation = defaultsMap.Location });
        var start = top.Target("start", required: true)!;
        var broken = new HashSet<string>();
        var variables = ReadVariables(top);
        var flow = new Flow
        {
            Name = name,
            Description = top.Text("description"),
            Path = relativePath,
            Location = top.OwnerLocation,
            Start = start,
            Variables = variables,
            Switches = SwitchReader.Read(top, name, variables),
            Nodes = ReadNodes(top, name, defaults, broken),
        };
        top.ReportUnknownFields();
        return new FlowDraft(flow, context, defaults, broken);
    }

    private static string ReadName(FieldReader top, string fallback)
    {
        var name = top.Text("flow", required: true);
        if (name is null) return fallback;
        if (NamePattern().IsMatch(name)) return name;
        top.Context.Error(top.Value("flow")!.Location, $"flow name '{name}' may use letters, digits, _ and - only (no dots: other flows write name.node)");
        return fallback;
    }

    private static Dictionary<string, string> ReadVariables(FieldReader top)
    {
        var variables = new Dictionary<string, string>();
        var map = top.SubMap("variables");
        if (map is null) return variables;
        foreach (var (key, value) in map.Entries)
        {
            if (!VariableName.Check(key, "variables", top.Context)) continue;
            top.Context.Sources.Add("(variables)", key.Text!, key.Location);
            if (value is YamlScalar scalar) variables[key.Text!] = scalar.Text ?? "";
            else top.Context.Error(value.Location, $"variables: '{key.Text}' must be a text value (e.g. \"false\"), not {value.Describe()}");
        }

        return variables;
    }

    private static Dictionary<string, Node> ReadNodes(FieldReader top, string flow, FlowDefaults defaults, HashSet<string> broken)
    {
        var nodes = new Dictionary<string, Node>();
        var map = top.SubMap("nodes", required: true);
        if (map is null) return nodes;
        foreach (var (key, value) in map.Entries)
        {
            var name = key.Text!;
            if (!NamePattern().IsMatch(name))
            {
                top.Context.Error(key.Location, $"node name '{name}' may use letters, digits, _ and - only (no dots or spaces)");
                broken.Add(name);
                continue;
            }

            if (ReadNode(top.Context, key, value, flow, defaults) is { } node) nodes[name] = node;
            else broken.Add(name);
        }

        if (nodes.Count == 0 && broken.Count == 0) top.Context.Error(map.Location, "the flow has no nodes; add at least one under nodes:");
        return nodes;
    }

    private static Node? ReadNode(FlowFileContext context, YamlScalar key, YamlValue value, string flow, FlowDefaults defaults)
    {
        var name = key.Text!;
        if (value is not YamlMap map)
        {
            context.Error(value.Location, $"node '{name}' must be a map starting with kind:, not {value.Describe()}");
            return null;
        }

        var kindNames = NodeKindReaders.All.Select(r => r.Name).ToList();
        var kindValue = map.Find("kind")?.Value;
        if (kindValue is not YamlScalar { Text: { } kind })
        {
            context.Error(kindValue?.Location ?? key.Location, $"node '{name}' needs kind: one of {string.Join(", ", kindNames)}");
            return null;
        }

        if (!NodeKindReaders.ByName.TryGetValue(kind, out var reader))
        {
            context.Error(kindValue.Location, $"unknown node kind '{kind}'{NameSuggester.Hint(kind, kindNames)} (kinds: {string.Join(", ", kindNames)})");
            return null;
        }

        var fields = new FieldReader(map, $"{kind} '{name}'", ["kind", .. reader.Fields], context, name) { OwnerLocation = key.Location };
        var node = reader.Read(fields, new NodeHeader(name, flow, key.Location, defaults));
        fields.ReportUnknownFields();
        return node;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$")]
    private static partial Regex NamePattern();
}
