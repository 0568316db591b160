using System.Collections.Concurrent;
using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Fax;

/// <summary>fax_documents.yaml lives with the flows: a saved change goes live with them, a broken one is rejected whole.</summary>
public sealed class FaxCatalogReloadTests : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();

    private void WriteCatalog(params string[] ids) =>
        File.WriteAllText(Path.Combine(_files.Flows, "fax_documents.yaml"),
            "documents:\n" + string.Concat(ids.Select(id => $"  - {{ id: {id}, title: welcome, source: flows/main.yaml }}\n")));

    [Fact]
    public void Reload_NewDocument_GoesLiveWithANewVersion_ABrokenCatalogKeepsTheLastGoodOne()
    {
        WriteCatalog("policy");
        using var host = new FlowSetHost(_files.Flows, _files.Prompts, null, TimeProvider.System, _log.Enqueue);
        Assert.True(host.Reload(), string.Join("\n", _log));
        var first = host.Current!;
        var documents = new FaxDocumentSource(() => host.Current);

        WriteCatalog("policy", "guide");
        host.Reload();
        Assert.NotEqual(first.Version, host.Current!.Version);
        Assert.True(documents.Contains("guide"));

        WriteCatalog("policy", "policy");
        host.Reload();
        Assert.True(documents.Contains("guide")); // still the last good catalog
        Assert.Contains(_log, l => l.Contains("document id 'policy' is already used", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();
}
