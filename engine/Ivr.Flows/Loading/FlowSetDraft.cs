using Ivr.Core.Calendar;
using Ivr.Core.Channel;

namespace Ivr.Flows.Loading;

/// <summary>Everything read from a flows folder and a prompt folder, linked as far as it could be; what validation checks.</summary>
internal sealed class FlowSetDraft
{
    public required IReadOnlyDictionary<string, FlowDraft> Flows { get; init; }

    public required RouteTable Routes { get; init; }

    /// <summary>Flows whose file could not be read (named after the file): references to them are not reported again.</summary>
    public IReadOnlySet<string> BrokenFlows { get; init; } = new HashSet<string>();

    public required IReadOnlyDictionary<string, Prompt> Prompts { get; init; }

    public required string CatalogPath { get; init; }

    /// <summary>Null when calendar.yaml is missing or could not be read.</summary>
    public ServiceCalendar? Calendar { get; init; }

    public bool CalendarFileExists { get; init; }

    public required string RoutesPath { get; init; }

    public string CalendarPath { get; init; } = "calendar.yaml";

    public IReadOnlyCollection<string>? KnownOperations { get; init; }

    /// <summary>The fax-back documents; empty when fax_documents.yaml is missing or unreadable.</summary>
    public Model.Fax.FaxCatalog FaxCatalog { get; init; } = Model.Fax.FaxCatalog.Empty;

    /// <summary>What reading fax_documents.yaml collected (its title prompts, for the linker); null without the file.</summary>
    public FlowFileContext? FaxCatalogContext { get; init; }

    public string FaxCatalogPath { get; init; } = Model.Fax.FaxCatalog.FileName;

    public IEnumerable<Node> AllNodes => Flows.Values.SelectMany(f => f.Flow.Nodes.Values);

    public FlowDraft DraftOf(Node node) => Flows[node.Flow];
}
