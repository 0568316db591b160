using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Fax;

/// <summary>flows/fax_documents.yaml: read with the flows, checked, and the source of generated fax menus.</summary>
public class FaxCatalogTests
{
    private static readonly string[] Prompts = ["choose", "doc_a", "doc_b", "press_key", "bye", "invalid", "silence"];

    private const string Catalog = """
        documents:
          - id: policy
            title: doc_a
            source: fax/sources/policy.txt
          - id: guide
            title: doc_b
            source: fax/sources/guide.txt
        """;

    private const string MenuFlow = """
        flow: main
        start: pick
        nodes:
          pick:
            kind: menu
            prompt: choose
            options_from: fax_documents
            into: fax_document
            next: send
            on_fail: bye
          send: { kind: fax, document: fax_document, sent: bye, failed: bye }
          bye: { kind: hangup }
        """;

    private static FlowFolder Folder(string catalog = Catalog, string flow = MenuFlow, bool render = true)
    {
        var folder = new FlowFolder(prompts: Prompts).Write("main.yaml", flow).Write("fax_documents.yaml", catalog);
        folder.Write("../fax/sources/policy.txt", "养老保险政策").Write("../fax/sources/guide.txt", "缴费指南");
        if (render) folder.Write("../fax/rendered/policy.tif", "II*\0");
        return folder;
    }

    [Fact]
    public void Load_GeneratedMenu_OneKeyPerDocumentInCatalogOrder_SpokenAsTitlePressKeyDigit()
    {
        using var folder = Folder();

        var result = folder.Load();

        Assert.Empty(result.Errors);
        var set = result.Set!;
        Assert.Equal(["policy", "guide"], set.FaxDocuments.Documents.Select(d => d.Id));
        Assert.True(set.FaxDocuments.Find("policy")!.Rendered);
        Assert.False(set.FaxDocuments.Find("guide")!.Rendered);
        var menu = Assert.IsType<MenuNode>(set.Flows["main"].Nodes["pick"]);
        Assert.Equal(["1", "2"], menu.Options.Select(o => o.Key));
        Assert.All(menu.Options, o => Assert.Same(set.Flows["main"].Nodes["send"], o.Value.Node));
        Assert.Equal("guide", menu.OptionsFrom!.ValueOf("2"));
        Assert.Null(menu.OptionsFrom.ValueOf("3"));
        Assert.Equal(["choose", "doc_a", "press_key", "n1", "doc_b", "press_key", "n2"], menu.Input.Prompt.Resolved.Select(p => p.Id));
    }

    [Fact]
    public void Load_UnrenderedDocument_IsAWarningNamingTheRenderCommand()
    {
        using var folder = Folder(render: false);

        var problems = folder.Problems();

        Assert.Contains("flows/fax_documents.yaml:2:9: warning: document 'policy' has no rendered fax file fax/rendered/policy.tif yet: run ivr fax render; until then sending it fails", problems);
        Assert.True(folder.Load().Succeeded);
    }

    [Fact]
    public void Load_DuplicateIdMissingSourceAndUnknownTitle_AreErrorsWhereWritten()
    {
        using var folder = Folder(catalog: """
            documents:
              - id: policy
                title: doc_a
                source: fax/sources/policy.txt
              - id: policy
                title: doc_b
                source: fax/sources/guide.txt
              - id: missing
                title: doc_c
                source: fax/sources/missing.txt
            """);

        var problems = folder.Problems();

        Assert.Contains("flows/fax_documents.yaml:5:5: error: document id 'policy' is already used at line 2; give each document its own id", problems);
        Assert.Contains(problems, p => p.StartsWith("flows/fax_documents.yaml:10:13: error: document 'missing': source 'fax/sources/missing.txt' does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flows/fax_documents.yaml:9:12: error: prompt 'doc_c' is not in the catalog", StringComparison.Ordinal));
        Assert.Null(folder.Load().Set);
    }

    [Fact]
    public void Load_BadIdAndUnknownField_AreErrors()
    {
        using var folder = Folder(catalog: "documents:\n  - { id: Policy-1, title: doc_a, source: fax/sources/policy.txt, pages: 3 }\n");

        var problems = folder.Problems();

        Assert.Contains(problems, p => p.Contains("document id 'Policy-1' may use lowercase letters, digits and _ only", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown field 'pages' in document", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TenDocuments_TheTenthHasNoKey()
    {
        var catalog = "documents:\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"  - {{ id: d{i}, title: doc_a, source: fax/sources/policy.txt }}\n"));
        using var folder = Folder(catalog: catalog);

        Assert.Contains(folder.Problems(), p => p.Contains("document 'd10': the fax menu offers keys 1-9, so the catalog holds at most 9 documents", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_GeneratedMenuWithoutCatalog_IsAnError()
    {
        using var folder = new FlowFolder(prompts: Prompts).Write("main.yaml", MenuFlow);

        var problems = folder.Problems();

        Assert.Contains(problems, p => p.StartsWith("flows/main.yaml:7:19: error: menu 'pick': options_from: fax_documents, but flows/fax_documents.yaml lists no documents", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flows/main.yaml:11:32: error: fax 'send' has nothing to send", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_GeneratedMenuWithoutPressKeyPrompt_NamesTheMissingPrompts()
    {
        using var folder = new FlowFolder(prompts: ["choose", "doc_a", "doc_b", "bye"], sayFragments: false)
            .Write("main.yaml", MenuFlow).Write("fax_documents.yaml", Catalog)
            .Write("../fax/sources/policy.txt", "x").Write("../fax/sources/guide.txt", "y");

        Assert.Contains(folder.Problems(), p => p.Contains("menu 'pick': a generated menu says each choice as title + press_key (请按) + digit; add press_key, n1, n2 to the catalog", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OptionsAndOptionsFrom_AreExclusive_AndUnknownCatalogIsNamed()
    {
        using var folder = Folder(flow: """
            flow: main
            start: pick
            nodes:
              pick:
                kind: menu
                prompt: choose
                options_from: fax_document
                options: { "1": bye }
                into: doc
                next: bye
                on_fail: bye
              plain:
                kind: menu
                prompt: choose
                options: { "1": bye }
                into: doc
                on_fail: bye
              bye: { kind: hangup }
            """);

        var problems = folder.Problems();

        Assert.Contains("flows/main.yaml:8:14: error: menu 'pick': give either options: (keys written here) or options_from: (keys from a catalog), not both", problems);
        Assert.Contains("flows/main.yaml:7:19: error: menu 'pick': options_from 'fax_document' is not a catalog; did you mean 'fax_documents'? (catalogs: fax_documents)", problems);
        Assert.Contains("flows/main.yaml:16:11: error: menu 'plain': 'into' belongs to a menu generated with options_from; a menu with options: leads each key where it says", problems);
    }

    [Fact]
    public void Load_FaxNodeNamingAnUnknownDocument_SuggestsTheClosest()
    {
        using var folder = Folder(flow: """
            flow: main
            start: send
            nodes:
              send: { kind: fax, document: "'polcy'", sent: bye, failed: bye, unavailable: bye }
              bye: { kind: hangup }
            """);

        Assert.Contains("flows/main.yaml:4:32: error: fax 'send': document 'polcy' is not in flows/fax_documents.yaml; did you mean 'policy'? (documents: policy, guide)", folder.Problems());
    }

    [Fact]
    public void Load_ShippedFlows_FaxMenuOffersTheThreeDocuments()
    {
        var result = FlowSetLoader.Load(Path.Combine(RepoPaths.Root, "flows"), Path.Combine(RepoPaths.Root, "prompts", "zh-CN"));

        Assert.Empty(result.Errors);
        Assert.Equal(["pension_policy", "contribution_guide", "card_guide"], result.Set!.FaxDocuments.Documents.Select(d => d.Id));
        var menu = Assert.IsType<MenuNode>(result.Set.Flows["fax"].Nodes["fax_menu"]);
        Assert.Equal(["1", "2", "3"], menu.Options.Select(o => o.Key));
    }
}
