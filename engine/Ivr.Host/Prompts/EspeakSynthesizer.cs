using System.Diagnostics;
using Ivr.Flows.Prompts;
using Ivr.Media.Resampling;
using Ivr.Media.Wav;

namespace Ivr.Host.Prompts;

/// <summary>
/// Synthesizes prompts with espeak-ng (<c>espeak-ng -v VOICE -s 150 -w tmp.wav</c>, text on stdin),
/// then converts to 8 kHz mono 16-bit with <c>sox tmp.wav -r 8000 -c 1 -b 16 out.wav</c> when sox is
/// on the PATH, otherwise with <see cref="PcmResampler"/> (same format, no external tool); then cuts
/// the leading and trailing silence (<see cref="SilenceTrimmer"/>) and sets the peak to −3 dBFS
/// (<see cref="PeakNormalizer"/>; sox runs with -G so it never clips). It lives in the host because it joins
/// the flow layer's <see cref="IPromptSynthesizer"/> to the media layer's WAV and resampling code.
/// </summary>
/// <param name="useSoxIfPresent">false forces the built-in resampler even where sox is installed.</param>
public sealed class EspeakSynthesizer(string espeakCommand = "espeak-ng", bool useSoxIfPresent = true, int wordsPerMinute = 150) : IPromptSynthesizer
{
    private readonly string? _sox = useSoxIfPresent ? FindOnPath("sox") : null;

    public static bool IsInstalled => FindOnPath("espeak-ng") is not null;

    public bool UsesSox => _sox is not null;

    private HashSet<string>? _voices;

    public async Task<string?> SynthesizeAsync(string voice, string text, string wavPath, CancellationToken cancellationToken)
    {
        // espeak-ng quietly falls back to its default voice for an unknown name; refuse instead.
        _voices ??= await ListVoicesAsync(cancellationToken);
        if (!_voices.Contains(voice)) return $"espeak-ng has no voice '{voice}'; pick one listed by 'espeak-ng --voices' (Mandarin: cmn-latn-pinyin)";
        var raw = Path.Combine(Path.GetTempPath(), $"ivr-espeak-{Guid.NewGuid():N}.wav");
        var converted = wavPath + ".tmp";
        try
        {
            var error = await RunAsync(espeakCommand, ["-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", raw, "--stdin"], text, cancellationToken);
            if (error is not null) return $"espeak-ng failed: {error}; check that espeak-ng is installed and voice '{voice}' exists (espeak-ng --voices)";
            short[] samples;
            if (_sox is not null)
            {
                error = await RunAsync(_sox, ["-G", raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "wav", converted], null, cancellationToken);
                if (error is not null) return $"sox failed: {error}";
                samples = WavFile.Read(converted).Samples;
            }
            else
            {
                var audio = WavFile.Read(raw);
                samples = PcmResampler.Resample(audio.Samples, audio.SampleRate, 8000);
            }

            WavFile.Write(converted, PeakNormalizer.Normalize(SilenceTrimmer.Trim(samples, 8000)));
            File.Move(converted, wavPath, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or WavFormatException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
        finally
        {
            File.Delete(raw);
            File.Delete(converted);
        }
    }

    /// <summary>Names -v accepts: the Language column and the file name of <c>espeak-ng --voices</c>.</summary>
    private async Task<HashSet<string>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var voices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(espeakCommand, "--voices") { RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(start);
            if (process is null) return voices;
            var listing = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            foreach (var line in listing.Split('\n').Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 5) continue;
                voices.Add(columns[1]);
                voices.Add(Path.GetFileName(columns[4]));
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // espeak-ng is not installed: every voice is unknown, and the message says which one.
        }

        return voices;
    }

    private static async Task<string?> RunAsync(string command, string[] arguments, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardInputEncoding = stdin is not null ? new System.Text.UTF8Encoding(false) : null,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new IOException($"could not start {command}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {(await errors).Trim()}";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
