using Ivr.Fax.Interop;

namespace Ivr.Fax;

/// <summary>The receiving side (a fax machine, for tests and loopback): writes the pages it receives into a TIFF file.</summary>
public sealed class FaxReceiver : FaxSession
{
    public FaxReceiver(string tiffPath, FaxSessionOptions options, Action<FaxSessionResult>? completed = null, bool callingParty = false)
        : base(callingParty, options, completed)
    {
        ArgumentException.ThrowIfNullOrEmpty(tiffPath);
        TiffPath = tiffPath;
        SpanDspNative.T30SetRxFile(StateT30, tiffPath, -1);
    }

    public string TiffPath { get; }
}
