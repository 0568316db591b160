namespace Ivr.Core.Channel;

/// <summary>Sends a document to the fax machine on the caller's own line (即时传真).</summary>
/// <param name="RequestId">Echoed back in <see cref="ICallInput.FaxFinished"/>.</param>
/// <param name="DocumentId">The document catalog's id (for events and logs).</param>
/// <param name="TiffPath">The rendered, fax-ready TIFF (G3/G4, fine resolution).</param>
public sealed record FaxRequest(int RequestId, string DocumentId, string TiffPath);
