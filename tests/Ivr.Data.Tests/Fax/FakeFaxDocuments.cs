using Ivr.Data.Fax;

namespace Ivr.Data.Tests.Fax;

/// <summary>A catalog of named documents, each rendered unless listed in <see cref="Unrendered"/>.</summary>
internal sealed class FakeFaxDocuments(params string[] ids) : IFaxDocuments
{
    public HashSet<string> Ids { get; } = [.. ids];

    public HashSet<string> Unrendered { get; } = [];

    public bool Contains(string documentId) => Ids.Contains(documentId);

    public string? RenderedPath(string documentId) => Contains(documentId) && !Unrendered.Contains(documentId) ? $"/fax/rendered/{documentId}.tif" : null;
}
