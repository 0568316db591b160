using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>
/// Reads routes.yaml: <c>routes: { "12333": main, "*": main }</c> — which flow answers which dialled
/// number; <c>*</c> answers any other number. A number may carry a service suffix of lower-case letters and digits
/// (<c>12333-auth</c>: the agents' PBX sends callers there for an assisted check), as a SIP request URI's user part can.
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
            if (number != "*" && !IsNumber(number))
            {
                context.Error(key.Location, $"route '{number}' must be a dialled number (digits, optionally with a suffix like 12333-auth) or \"*\" for any other number");
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

    private static bool IsNumber(string route)
    {
        var parts = route.Split('-');
        return parts[0].Length > 0 && parts[0].All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '+')
            && parts.Skip(1).All(p => p.Length > 0 && p.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
    }
}
