using Ivr.Data.Fax;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// The fax catalog of the flow set serving now (hot-reloaded with the flows), as the back end and
/// the scheduler see it. A rendered file is looked for when asked, so a document rendered after
/// start-up is sent without a reload.
/// </summary>
public sealed class FaxDocumentSource(Func<FlowSet?> current) : IFaxDocuments
{
    public bool Contains(string documentId) => current()?.FaxDocuments.Find(documentId) is not null;

    public string? RenderedPath(string documentId) =>
        current()?.FaxDocuments.Find(documentId) is { } document && File.Exists(document.RenderedPath) ? document.RenderedPath : null;
}
