using System.Runtime.InteropServices;
using Ivr.Fax.Interop;

namespace Ivr.Fax;

/// <summary>
/// Whether spandsp can be loaded, probed once per process and cached: a server without the library
/// still runs, and every fax attempt answers <see cref="Core.Fax.FaxOutcome.Unavailable"/> with
/// <see cref="Problem"/>, which says how to install it.
/// </summary>
public static class FaxLibrary
{
    public const string InstallCommand = "apt-get install libspandsp2";

    private static readonly Lazy<string?> s_problem = new(() => Probe(SpanDspNative.Library), LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsAvailable => s_problem.Value is null;

    /// <summary>Why fax cannot run here (with the install command), or null when it can.</summary>
    public static string? Problem => s_problem.Value;

    /// <summary>Loads <paramref name="library"/> and looks for the entry points we call; the library is unloaded again.</summary>
    internal static string? Probe(string library)
    {
        try
        {
            if (!NativeLibrary.TryLoad(library, typeof(FaxLibrary).Assembly, null, out var loaded))
                return $"the fax library {library} is not installed; fax is unavailable (install it with: {InstallCommand})";
            try
            {
                foreach (var entry in new[] { "fax_init", "fax_tx", "fax_rx", "t30_set_phase_e_handler", "t30_get_transfer_statistics" })
                {
                    if (!NativeLibrary.TryGetExport(loaded, entry, out _))
                        return $"the fax library {library} lacks {entry}; fax is unavailable (install spandsp 0.0.6 with: {InstallCommand})";
                }
            }
            finally
            {
                NativeLibrary.Free(loaded);
            }

            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            return $"the fax library {library} cannot be loaded ({e.Message}); fax is unavailable (install it with: {InstallCommand})";
        }
    }
}
