namespace Ivr.Fax;

/// <summary>What spandsp reported at phase E (T.30 §5, the end of the call).</summary>
/// <param name="CompletionCode">spandsp's T30_ERR_* code; 0 is success.</param>
/// <param name="CompletionText">spandsp's words for the code.</param>
/// <param name="PagesTransmitted">Pages sent and confirmed (MCF).</param>
/// <param name="PagesReceived">Pages received.</param>
/// <param name="PagesInFile">Pages in the file being sent; -1 when not known.</param>
/// <param name="ErrorCorrection">Whether the call used ECM.</param>
/// <param name="BitRate">The last image bit rate (2400…14400).</param>
public sealed record FaxSessionResult(int CompletionCode, string CompletionText, int PagesTransmitted, int PagesReceived, int PagesInFile, bool ErrorCorrection, int BitRate)
{
    public const int CallDropped = 49; // T30_ERR_CALLDROPPED in spandsp 0.0.6

    public bool Succeeded => CompletionCode == 0;
}
