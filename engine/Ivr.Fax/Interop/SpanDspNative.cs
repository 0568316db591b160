using System.Runtime.InteropServices;

namespace Ivr.Fax.Interop;

/// <summary>
/// The few spandsp 0.0.6 entry points a fax terminal over audio needs (spandsp/fax.h, t30.h, t30_api.h,
/// t30_logging.h). Every pointer is a <see cref="FaxStateHandle"/> or the T.30 context it owns.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    public const string Library = "libspandsp.so.2";

    [LibraryImport(Library, EntryPoint = "fax_init")]
    public static partial nint FaxInit(nint state, int callingParty);

    [LibraryImport(Library, EntryPoint = "fax_free")]
    public static partial int FaxFree(nint state);

    [LibraryImport(Library, EntryPoint = "fax_get_t30_state")]
    public static partial nint FaxGetT30State(FaxStateHandle state);

    [LibraryImport(Library, EntryPoint = "fax_set_transmit_on_idle")]
    public static partial void FaxSetTransmitOnIdle(FaxStateHandle state, int transmitOnIdle);

    [LibraryImport(Library, EntryPoint = "fax_rx")]
    public static partial int FaxRx(FaxStateHandle state, short* samples, int length);

    [LibraryImport(Library, EntryPoint = "fax_tx")]
    public static partial int FaxTx(FaxStateHandle state, short* samples, int maxLength);

    [LibraryImport(Library, EntryPoint = "t30_set_ecm_capability")]
    public static partial int T30SetEcmCapability(nint t30, int enabled);

    [LibraryImport(Library, EntryPoint = "t30_set_tx_ident", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int T30SetTxIdent(nint t30, string ident);

    [LibraryImport(Library, EntryPoint = "t30_set_tx_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void T30SetTxFile(nint t30, string file, int startPage, int stopPage);

    [LibraryImport(Library, EntryPoint = "t30_set_rx_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void T30SetRxFile(nint t30, string file, int stopPage);

    [LibraryImport(Library, EntryPoint = "t30_set_supported_compressions")]
    public static partial int T30SetSupportedCompressions(nint t30, int compressions);

    [LibraryImport(Library, EntryPoint = "t30_set_supported_resolutions")]
    public static partial int T30SetSupportedResolutions(nint t30, int resolutions);

    [LibraryImport(Library, EntryPoint = "t30_set_supported_image_sizes")]
    public static partial int T30SetSupportedImageSizes(nint t30, int sizes);

    [LibraryImport(Library, EntryPoint = "t30_set_phase_e_handler")]
    public static partial void T30SetPhaseEHandler(nint t30, delegate* unmanaged<nint, nint, int, void> handler, nint userData);

    [LibraryImport(Library, EntryPoint = "t30_get_transfer_statistics")]
    public static partial void T30GetTransferStatistics(nint t30, T30Statistics* statistics);

    [LibraryImport(Library, EntryPoint = "t30_terminate")]
    public static partial void T30Terminate(nint t30);

    [LibraryImport(Library, EntryPoint = "t30_call_active")]
    public static partial int T30CallActive(nint t30);

    [LibraryImport(Library, EntryPoint = "t30_completion_code_to_str")]
    public static partial nint T30CompletionCodeToString(int code);
}
