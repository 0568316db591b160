namespace Ivr.Flows.Model.Fax;

/// <summary>
/// One document of the fax-back catalog (flows/fax_documents.yaml): what the caller hears it called,
/// the source editors maintain, and the fax-ready TIFF rendered from it (fax/rendered/&lt;id&gt;.tif).
/// </summary>
/// <param name="Id">Stable name: flows, events and fax jobs store it.</param>
/// <param name="Title">The prompt that names it in the generated fax menu ("养老保险政策").</param>
/// <param name="SourcePath">The source file as written in the catalog (relative to the repository root).</param>
/// <param name="RenderedPath">Where the rendered TIFF is expected, as a full path.</param>
/// <param name="Rendered">Whether the TIFF existed when the catalog was loaded.</param>
public sealed record FaxDocument(string Id, PromptList Title, string SourcePath, string RenderedPath, bool Rendered, SourceLocation Location);
