namespace Ivr.Flows.Model.Fax;

/// <summary>The documents callers can have faxed, in catalog order (menu key 1 is the first).</summary>
public sealed class FaxCatalog(IReadOnlyList<FaxDocument> documents)
{
    /// <summary>The file, in the flows folder, that holds the catalog.</summary>
    public const string FileName = "fax_documents.yaml";

    /// <summary>The name a menu's <c>options_from</c> uses for this catalog.</summary>
    public const string OptionsSourceName = "fax_documents";

    /// <summary>Keys 1-9: a generated menu has one single-digit key per document.</summary>
    public const int MaxDocuments = 9;

    public static readonly FaxCatalog Empty = new([]);

    public IReadOnlyList<FaxDocument> Documents { get; } = documents;

    public FaxDocument? Find(string? id)
    {
        foreach (var document in Documents)
            if (document.Id == id) return document;
        return null;
    }
}
