using System.Text.RegularExpressions;
using Ivr.Flows.Loading.Yaml;
using Ivr.Flows.Model.Fax;

namespace Ivr.Flows.Loading;

/// <summary>
/// Reads flows/fax_documents.yaml, the fax-back catalog editors maintain:
/// <code>
/// documents:
///   - id: pension_policy
///     title: fax_doc_pension_policy        # prompt id
///     source: fax/sources/pension_policy.txt
/// </code>
/// Ids are unique names; the title must be a catalog prompt (checked when the set is linked); the
/// source must exist (relative to the repository root, the flows folder's parent); a missing rendered
/// TIFF (fax/rendered/&lt;id&gt;.tif, made by <c>ivr fax render</c>) is a warning.
/// </summary>
internal static partial class FaxCatalogReader
{
    public static readonly IReadOnlyList<string> DocumentFields = ["id", "title", "source"];

    /// <summary>Where rendered documents go, relative to the repository root.</summary>
    public static readonly string RenderedFolder = Path.Combine("fax", "rendered");

    public static (FaxCatalog Catalog, FlowFileContext Context) Read(string path, string text, string repositoryRoot, ICollection<Diagnostic> diagnostics)
    {
        var context = new FlowFileContext(path, "", diagnostics);
        var root = YamlDocumentReader.Read(path, text, diagnostics);
        if (root is not YamlMap map)
        {
            if (root is not null || !diagnostics.Any(d => d.Path == path))
                context.Error(root?.Location ?? SourceLocation.File(path), "fax_documents.yaml must hold documents: with a list of { id, title, source }");
            return (FaxCatalog.Empty, context);
        }

        var top = new FieldReader(map, FaxCatalog.FileName, ["documents"], context, "(fax)") { OwnerLocation = new SourceLocation(path, 1, 1) };
        var documents = new List<FaxDocument>();
        var list = top.Value("documents", required: true);
        top.ReportUnknownFields();
        if (list is null) return (FaxCatalog.Empty, context);
        if (list is not YamlList items)
        {
            context.Error(list.Location, $"{FaxCatalog.FileName}: 'documents' must be a list of {{ id, title, source }}, not {list.Describe()}");
            return (FaxCatalog.Empty, context);
        }

        foreach (var item in items.Items)
        {
            if (ReadDocument(item, context, repositoryRoot) is not { } document) continue;
            if (documents.FirstOrDefault(d => d.Id == document.Id) is { } first)
            {
                context.Error(document.Location, $"document id '{document.Id}' is already used at line {first.Location.Line}; give each document its own id");
                continue;
            }

            if (documents.Count == FaxCatalog.MaxDocuments)
            {
                context.Error(document.Location, $"document '{document.Id}': the fax menu offers keys 1-{FaxCatalog.MaxDocuments}, so the catalog holds at most {FaxCatalog.MaxDocuments} documents");
                continue;
            }

            documents.Add(document);
        }

        return (new FaxCatalog(documents), context);
    }

    private static FaxDocument? ReadDocument(YamlValue item, FlowFileContext context, string repositoryRoot)
    {
        if (item is not YamlMap map)
        {
            context.Error(item.Location, $"each document must be a map {{ id, title, source }}, not {item.Describe()}");
            return null;
        }

        var f = new FieldReader(map, "document", DocumentFields, context, "(fax)");
        var id = f.Text("id", required: true);
        var title = f.Prompts("title", required: true);
        var source = f.Text("source", required: true);
        f.ReportUnknownFields();
        if (id is null || title is null || source is null) return null;
        if (!IdPattern().IsMatch(id))
        {
            context.Error(f.Value("id")!.Location, $"document id '{id}' may use lowercase letters, digits and _ only (it names fax/rendered/{id}.tif)");
            return null;
        }

        if (title.Ids.Count != 1) context.Error(title.Location, $"document '{id}': 'title' must be one prompt id (the document's name as the caller hears it)");
        var sourcePath = Path.Combine(repositoryRoot, source);
        if (!File.Exists(sourcePath))
            context.Error(f.Value("source")!.Location, $"document '{id}': source '{source}' does not exist (paths are relative to {Path.GetFileName(repositoryRoot.TrimEnd(Path.DirectorySeparatorChar))}/)");

        var rendered = Path.Combine(repositoryRoot, RenderedFolder, id + ".tif");
        var isRendered = File.Exists(rendered);
        if (!isRendered)
            context.Warning(f.Value("id")!.Location, $"document '{id}' has no rendered fax file {Path.Combine(RenderedFolder, id + ".tif")} yet: run ivr fax render; until then sending it fails");
        return new FaxDocument(id, title, source, rendered, isRendered, map.Location);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();
}
