namespace Ivr.Data.Fax;

/// <summary>The fax-back catalog as the back end sees it (the host answers from the live flow set).</summary>
public interface IFaxDocuments
{
    /// <summary>True when the catalog lists <paramref name="documentId"/>.</summary>
    bool Contains(string documentId);

    /// <summary>The fax-ready TIFF of the document, or null when it is not in the catalog or not rendered yet.</summary>
    string? RenderedPath(string documentId);
}
