using Ivr.Core.Fax;
using Ivr.Fax.Interop;

namespace Ivr.Fax;

/// <summary>The calling/sending side: sends every page of a TIFF-F file (G3 or G4) and reports how many were confirmed.</summary>
public sealed class FaxTransmitter : FaxSession
{
    /// <param name="callingParty">True when we placed the call (we send CNG), false on the caller's own line, where we answer.</param>
    public FaxTransmitter(string tiffPath, FaxSessionOptions options, Action<FaxSessionResult>? completed = null, bool callingParty = true)
        : base(callingParty, options, completed)
    {
        ArgumentException.ThrowIfNullOrEmpty(tiffPath);
        if (!File.Exists(tiffPath)) throw new FileNotFoundException("the fax document does not exist", tiffPath);
        TiffPath = tiffPath;
        PagesInDocument = TiffPages.Count(tiffPath);
        SpanDspNative.T30SetTxFile(StateT30, tiffPath, -1, -1);
    }

    public string TiffPath { get; }

    public int PagesInDocument { get; }

    /// <summary>The session's result as the flow sees it: Sent, PartiallySent or Failed.</summary>
    public FaxResult ToFaxResult(FaxSessionResult result) => FaxOutcomes.OfTransmission(result, PagesInDocument);
}
