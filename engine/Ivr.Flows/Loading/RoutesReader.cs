using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>
/// Reads routes.yaml: <c>routes: { "12333": main, "*": main }</c> — which flow answers which dialled
/// number; <c>*</c> answers any other number.
/// </summary>
internal static class RoutesReader
{
    public const string FileName = "routes.yaml";

    public static RouteTable Read(string path, string text, ICollection<Diagnostic> diagnostics)
    {
        var root = YamlDocumentReader.Read(path, text, diagnostics);
        if (root is not YamlMap map)
        {
            if (root is not null || !diagnostics.Any(d => d.Path == path))
                diagnostics.Add(Diagnostic.Error(root?.Location ?? SourceLocation.File(path), "routes.yaml must hold routes: with dialled number: flow, e.g. routes: { \"12333\": main, \"*\": main }"));
            return RouteTable.Empty;
        }

        var context = new FlowFileContext(path, "", diagnostics);
        var top = new FieldReader(map, "routes.yaml", ["routes"], context, "(routes)") { OwnerLocation = new SourceLocation(path, 1, 1) };
        var routes = new Dictionary<string, string>();
        var locations = new Dictionary<string, SourceLocation>();
        foreach (var (key, value) in top.SubMap("routes", required: true)?.Entries ?? [])
        {
            var number = key.Text!;
            if (number != "*" && (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '+')))
            {
                context.Error(key.Location, $"route '{number}' must be a dialled number (digits) or \"*\" for any other number");
                continue;
            }

            if (value is not YamlScalar { Text: { Length: > 0 } flow })
            {
                context.Error(value.Location, $"route '{number}' must name a flow, not {value.Describe()}");
                continue;
            }

            routes[number] = flow;
            locations[number] = value.Location;
        }

        top.ReportUnknownFields();
        return new RouteTable(routes, locations);
    }
}
