using Ivr.Core.Speech;
using Ivr.Flows.Loading;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Support;

/// <summary>
/// A throw-away flows folder and prompt folder for one test. Diagnostics are shown with the folder
/// written as <c>flows</c> (and <c>prompts</c>) so tests can assert exact <c>PATH:LINE:COL</c>.
/// </summary>
public sealed class FlowFolder : IDisposable
{
    public const string DefaultRoutes = "routes:\n  \"*\": main\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ivr-flows-" + Guid.NewGuid().ToString("N"));

    public FlowFolder(bool routes = true, IEnumerable<string>? prompts = null, bool sayFragments = true)
    {
        Directory.CreateDirectory(FlowsPath);
        Directory.CreateDirectory(PromptsPath);
        if (routes) Write("routes.yaml", DefaultRoutes);
        var ids = (prompts ?? ["welcome", "menu", "invalid", "silence", "bye", "enter_id", "wait", "amount_is", "record_now", "transferring"]).ToList();
        if (sayFragments) ids.AddRange(MandarinSayAs.FragmentPromptIds);
        WriteCatalog(ids);
    }

    public string FlowsPath => Path.Combine(_root, "flows");

    public string PromptsPath => Path.Combine(_root, "prompts");

    public FlowFolder Write(string file, string text)
    {
        var path = Path.Combine(FlowsPath, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void WriteCatalog(IEnumerable<string> ids) =>
        File.WriteAllText(Path.Combine(PromptsPath, "catalog.yaml"),
            "language: zh-CN\nvoice: cmn-latn-pinyin\nprompts:\n" + string.Concat(ids.Distinct().Select(id => $"  {id}: 文本{id}。\n")));

    public FlowLoadResult Load(IReadOnlyCollection<string>? operations = null) => FlowSetLoader.Load(FlowsPath, PromptsPath, operations);

    /// <summary>Every diagnostic as <c>flows/main.yaml:3:5: error: …</c>.</summary>
    public List<string> Diagnostics(IReadOnlyCollection<string>? operations = null) =>
        Load(operations).Diagnostics.Select(Show).ToList();

    /// <summary>Diagnostics other than the "has no audio" warnings every text-only test catalog gives.</summary>
    public List<string> Problems(IReadOnlyCollection<string>? operations = null) =>
        Diagnostics(operations).Where(d => !d.Contains("has no audio", StringComparison.Ordinal)).ToList();

    public string Show(Diagnostic d) => d.ToString().Replace(FlowsPath, "flows").Replace(PromptsPath, "prompts");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system otherwise.
        }
    }
}
