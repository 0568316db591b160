using Ivr.Fax.Rendering;
using Ivr.Flows.Loading;

namespace Ivr.Host.Commands;

/// <summary><c>ivr fax render</c>: renders the catalog's documents whose source changed into fax/rendered/&lt;id&gt;.tif.</summary>
public sealed class FaxRenderVerb : IFaxVerb
{
    public string Name => "render";

    public string Summary => "render changed catalog documents to fax-ready TIFF (G4, 204x196 dpi)";

    public string Usage => """
        ivr fax render [--force] [ID...]
          renders every document of FLOWS/fax_documents.yaml whose source (UTF-8 .txt or .pdf) changed
          since the last render (fax/rendered/render.manifest) into fax/rendered/<id>.tif: A4, 1728
          pixels across, fine resolution, G4. Needs ghostscript and fonts-wqy-microhei.
          ID...            only these documents
          --force          render even when unchanged
        """;

    public IReadOnlyCollection<string> ValuedOptions => [];

    public IReadOnlyCollection<string> Switches => ["force"];

    public Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        var loaded = FlowSetLoader.Load(paths.Flows, paths.Prompts);
        if (loaded.Set is null)
        {
            foreach (var error in loaded.Errors) Console.Error.WriteLine(error);
            Console.Error.WriteLine("the flow set has errors (above): fix them first, the catalog is read with it");
            return Task.FromResult(1);
        }

        var wanted = line.Positional.Skip(1).ToHashSet(StringComparer.Ordinal);
        var documents = loaded.Set.FaxDocuments.Documents;
        var unknown = wanted.Where(id => documents.All(d => d.Id != id)).ToList();
        if (unknown.Count > 0) throw new UsageException($"not in the catalog: {string.Join(", ", unknown)}; it has {string.Join(", ", documents.Select(d => d.Id))}");

        var root = Path.GetDirectoryName(Path.GetFullPath(paths.Flows).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        var renderedFolder = Path.Combine(root, "fax", "rendered");
        Directory.CreateDirectory(renderedFolder);
        var manifest = RenderManifest.Load(Path.Combine(renderedFolder, RenderManifest.FileName));
        var renderer = new FaxDocumentRenderer();
        var failures = 0;
        foreach (var document in documents.Where(d => wanted.Count == 0 || wanted.Contains(d.Id)))
        {
            cancellation.ThrowIfCancellationRequested();
            var source = Path.Combine(root, document.SourcePath);
            var output = Path.Combine(renderedFolder, document.Id + ".tif");
            if (!line.Has("force") && manifest.IsCurrent(document.Id, source, output))
            {
                Console.WriteLine($"{document.Id}: unchanged");
                continue;
            }

            try
            {
                var pages = renderer.Render(source, output);
                manifest.Record(document.Id, source);
                manifest.Save();
                Console.WriteLine($"{document.Id}: {pages.Count} page(s) -> {Path.GetRelativePath(root, output)}");
            }
            catch (FaxRenderException e)
            {
                failures++;
                Console.Error.WriteLine($"{document.Id}: {e.Message}");
            }
        }

        return Task.FromResult(failures == 0 ? 0 : 1);
    }
}
