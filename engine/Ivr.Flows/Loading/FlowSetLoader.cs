using System.Text;
using Ivr.Core.Calendar;
using Ivr.Flows.Calendar;
using Ivr.Flows.Model.Fax;
using Ivr.Flows.Prompts;

namespace Ivr.Flows.Loading;

/// <summary>
/// Loads a flows folder (every <c>*.yaml</c> flow, routes.yaml, calendar.yaml) and a prompt folder
/// (catalog.yaml and its audio) into one linked, validated <see cref="FlowSet"/>. Every problem is
/// reported at once; any error leaves the set null so a bad save never goes live.
/// </summary>
public static class FlowSetLoader
{
    public const string CalendarFileName = "calendar.yaml";
    public const string CatalogFileName = "catalog.yaml";

    /// <param name="flowsDirectory">e.g. <c>flows</c>; diagnostics name files under it as given.</param>
    /// <param name="promptsDirectory">e.g. <c>prompts/zh-CN</c>, holding catalog.yaml and the audio.</param>
    /// <param name="knownOperations">The lookup operations the back end offers; null skips that check.</param>
    /// <param name="clock">Today, for the calendar's horizon (<see cref="CalendarHorizon"/>); null skips that warning.</param>
    public static FlowLoadResult Load(string flowsDirectory, string promptsDirectory, IReadOnlyCollection<string>? knownOperations = null, TimeProvider? clock = null)
    {
        var diagnostics = new List<Diagnostic>();
        var draft = Read(flowsDirectory, promptsDirectory, knownOperations, diagnostics, out var hash);
        if (draft is not null)
        {
            FlowLinker.Link(draft, diagnostics);
            FlowSetValidator.Validate(draft, diagnostics);
            if (clock is not null && draft.Calendar is { } calendar)
                diagnostics.AddRange(CalendarHorizon.Check(calendar, draft.CalendarPath, calendar.LocalDate(clock.GetUtcNow())));
        }

        var sorted = DiagnosticOrder.Sort(diagnostics);
        if (draft is null || sorted.Any(d => d.Severity == Severity.Error)) return new FlowLoadResult(null, sorted);
        var set = new FlowSet
        {
            Version = hash.Compute(),
            Flows = draft.Flows.ToDictionary(f => f.Key, f => f.Value.Flow),
            Prompts = draft.Prompts,
            Calendar = draft.Calendar,
            Routes = draft.Routes.Routes,
            FaxDocuments = draft.FaxCatalog,
        };
        return new FlowLoadResult(set, sorted);
    }

    private static FlowSetDraft? Read(string flowsDirectory, string promptsDirectory, IReadOnlyCollection<string>? knownOperations, List<Diagnostic> diagnostics, out ContentHash hash)
    {
        hash = new ContentHash();
        if (!Directory.Exists(flowsDirectory))
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(flowsDirectory), "the flows folder does not exist"));
            return null;
        }

        var flows = new Dictionary<string, FlowDraft>();
        var brokenFlows = new HashSet<string>();
        var routes = RouteTable.Empty;
        ServiceCalendar? calendar = null;
        var fax = (Catalog: FaxCatalog.Empty, Context: (FlowFileContext?)null);
        var routesPath = Path.Join(flowsDirectory, RoutesReader.FileName);
        var calendarPath = Path.Join(flowsDirectory, CalendarFileName);
        foreach (var file in Directory.EnumerateFiles(flowsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var path = Path.Join(flowsDirectory, file);
            if (file!.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(Diagnostic.Warning(SourceLocation.File(path), "this file is ignored: flow files end in .yaml; rename it"));
                continue;
            }

            if (!file.EndsWith(".yaml", StringComparison.Ordinal) || file.StartsWith('.')) continue;
            if (ReadFile(path, diagnostics) is not { } bytes) continue;
            hash.Add($"flows/{file}", bytes);
            var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'); // Notepad saves UTF-8 with a byte order mark
            if (file == RoutesReader.FileName) routes = RoutesReader.Read(path, text, diagnostics);
            else if (file == CalendarFileName) calendar = LoadCalendar(path, text, diagnostics);
            else if (file == FaxCatalog.FileName) fax = FaxCatalogReader.Read(path, text, RepositoryRoot(flowsDirectory), diagnostics);
            else if (FlowFileReader.Read(path, file, text, diagnostics) is { } flow) AddFlow(flows, flow, diagnostics);
            else brokenFlows.Add(Path.GetFileNameWithoutExtension(file));
        }

        if (!File.Exists(routesPath))
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(routesPath), "routes.yaml is missing; create it with routes: { \"12333\": main, \"*\": main }"));

        var promptFiles = new ContentHash();
        promptFiles.AddDirectory("prompts", promptsDirectory);
        hash.AddAll(promptFiles);
        var catalogPath = Path.Join(promptsDirectory, CatalogFileName);
        var prompts = Guarded(catalogPath, diagnostics, () => PromptSetCache.Load(catalogPath, promptFiles.ComputeFull()))
            ?? new PromptSetLoadResult(new Dictionary<string, Core.Channel.Prompt>(), []);
        diagnostics.AddRange(prompts.Diagnostics.Where(d => !SayAsFragmentCheck.IsCatalogFragmentDiagnostic(d)));
        return new FlowSetDraft
        {
            Flows = flows,
            Routes = routes,
            BrokenFlows = brokenFlows,
            RoutesPath = routesPath,
            Prompts = prompts.Prompts,
            CatalogPath = catalogPath,
            Calendar = calendar,
            CalendarFileExists = File.Exists(calendarPath),
            CalendarPath = calendarPath,
            KnownOperations = knownOperations,
            FaxCatalog = fax.Catalog,
            FaxCatalogContext = fax.Context,
            FaxCatalogPath = Path.Join(flowsDirectory, FaxCatalog.FileName),
        };
    }

    /// <summary>The folder holding the flows folder: catalog paths such as fax/sources/… are relative to it.</summary>
    /// <summary>The folder the fax catalog's paths are relative to: the one holding the flows folder.</summary>
    public static string RepositoryRoot(string flowsDirectory) =>
        Path.GetDirectoryName(Path.GetFullPath(flowsDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";

    private static void AddFlow(Dictionary<string, FlowDraft> flows, FlowDraft flow, List<Diagnostic> diagnostics)
    {
        if (flows.TryGetValue(flow.Flow.Name, out var first))
        {
            diagnostics.Add(Diagnostic.Error(flow.Flow.Location,
                $"flow '{flow.Flow.Name}' is already defined in {first.FilePath}; give this flow another name (flow: ...)"));
            return;
        }

        flows[flow.Flow.Name] = flow;
    }

    private static ServiceCalendar? LoadCalendar(string path, string text, List<Diagnostic> diagnostics)
    {
        var loaded = Guarded(path, diagnostics, () => CalendarFile.Parse(text, path));
        if (loaded is null) return null;
        diagnostics.AddRange(loaded.Diagnostics);
        return loaded.HasErrors ? null : loaded.Calendar;
    }

    /// <summary>
    /// Runs another reader of editors' files; should it fail unexpectedly (YamlDotNet throws more than
    /// YamlException on some malformed input), the file is reported and reloading goes on.
    /// </summary>
    private static T? Guarded<T>(string path, List<Diagnostic> diagnostics, Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IOException)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(path), $"the file cannot be read ({e.Message}); look for an unclosed [ or {{, or a missing quote"));
            return null;
        }
    }

    private static byte[]? ReadFile(string path, List<Diagnostic> diagnostics)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(path), $"cannot read the file ({e.Message}); save it again"));
            return null;
        }
    }
}
