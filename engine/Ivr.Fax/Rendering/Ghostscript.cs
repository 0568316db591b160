using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Ivr.Fax.Rendering;

/// <summary>
/// Runs Ghostscript (<c>gs</c>) to rasterise PostScript or PDF into a multi-page TIFF G4 fax file at
/// fine resolution on a fixed 1728 × 2292 page (PDF pages are scaled to fit). SAFER is on; the only
/// extra file Ghostscript may read is the Chinese font, announced in a private cidfmap.
/// </summary>
public sealed class Ghostscript
{
    public const string InstallCommand = "apt-get install ghostscript";

    public string Executable { get; init; } = "gs";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public void RenderToFaxTiff(string input, string output, ChineseFont? font)
    {
        var workspace = Directory.CreateTempSubdirectory("ivr-gs-");
        try
        {
            var arguments = new List<string>
            {
                "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dFIXEDMEDIA", "-dPDFFitPage",
                "-sDEVICE=tiffg4",
                string.Create(CultureInfo.InvariantCulture, $"-r{FaxPage.XDpi}x{FaxPage.YDpi}"),
                string.Create(CultureInfo.InvariantCulture, $"-g{FaxPage.WidthPixels}x{FaxPage.LengthPixels}"),
                $"-sOutputFile={output}",
            };
            if (font is not null)
            {
                File.WriteAllText(Path.Combine(workspace.FullName, "cidfmap"),
                    $"/{PostScriptText.CidFontName} << /FileType /TrueType /Path ({font.Path}) /SubfontID {font.SubfontId} /CSI [(GB1) 2] >> ;\n");
                arguments.Add($"-I{workspace.FullName}");
                arguments.Add($"--permit-file-read={font.Path}");
            }

            arguments.Add("--");
            arguments.Add(input);
            Run(arguments);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    private void Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FaxRenderException($"{Executable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new FaxRenderException($"Ghostscript ({Executable}) cannot run: {e.Message}; install it with: {InstallCommand}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new FaxRenderException($"Ghostscript took longer than {Timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0)
            {
                var said = (stderr.Result + stdout.Result).Trim();
                throw new FaxRenderException($"Ghostscript failed (exit {process.ExitCode}): {Tail(said)}");
            }
        }
    }

    private static string Tail(string text) => text.Length <= 400 ? text : "…" + text[^400..];
}
