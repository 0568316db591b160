namespace Ivr.Flows.Loading;

/// <summary>routes.yaml as read: dialled number → flow name, with where each flow name is written.</summary>
internal sealed record RouteTable(IReadOnlyDictionary<string, string> Routes, IReadOnlyDictionary<string, SourceLocation> Locations)
{
    public static readonly RouteTable Empty = new(new Dictionary<string, string>(), new Dictionary<string, SourceLocation>());
}
