using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Ivr.Media.Wav;
using Ivr.OperationsConsole.Tests.Support;
using NAudio.Wave;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Prompt recordings uploaded by editors (issue 15): WAV and MP3 of any rate and channels become 8 kHz mono, marked human; bad input refused.</summary>
public sealed class PromptAudioTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync(withEditor: true);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StereoWav44k_BecomesMono8k_MarkedHuman_ListenedToInTheBrowser_Audited()
    {
        using var editor = await _server.SignedInAsync("editor");
        var response = await UploadAsync(editor, "announcement", Sine(44100, channels: 2, seconds: 1.5, bits: 16), "audio/wav");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await ApiClient.Json(response);
        Assert.Equal(1.5, saved.GetProperty("seconds").GetDouble(), 2);
        Assert.Contains("44100 Hz, 2 channels", saved.GetProperty("source").GetString());

        var wav = WavFile.Read(Path.Combine(_server.Editor!.PromptsFolder, "announcement.wav"));
        Assert.Equal((8000, 1, 16), (wav.SampleRate, wav.Channels, wav.BitsPerSample));
        Assert.InRange(wav.Samples.Length, 11900, 12100);
        Assert.InRange(wav.Samples.Max(s => (int)s), 8000, 12000); // the sine's level (−9 dBFS ≈ 11600) survives conversion
        Assert.Contains("announcement human", await File.ReadAllTextAsync(Path.Combine(_server.Editor.PromptsFolder, "audio.manifest")));

        var listed = (await editor.GetJsonAsync("/api/prompts")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == "announcement");
        Assert.True(listed.GetProperty("human").GetBoolean());
        var audio = await editor.GetAsync("/api/prompts/announcement/audio");
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        var entry = Assert.Single(await _server.AccessLogAsync(), e => e.Action == "prompt_audio_upload");
        Assert.Equal(("editor", "prompt:announcement", "ok"), (entry.User, entry.Target, entry.Outcome));
    }

    [Fact]
    public async Task Mp3_48kStereo_EncodedByLame_IsDecodedAndConverted()
    {
        var source = Path.Combine(Path.GetTempPath(), $"ivr-upload-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(source + ".wav", Sine(48000, channels: 2, seconds: 2, bits: 16));
        var lame = Process.Start(new ProcessStartInfo("lame", ["--quiet", "-b", "128", source + ".wav", source + ".mp3"]))!;
        Assert.True(lame.WaitForExit(30_000), "lame did not finish within 30 s");
        Assert.Equal(0, lame.ExitCode);
        var mp3 = await File.ReadAllBytesAsync(source + ".mp3");
        File.Delete(source + ".wav");
        File.Delete(source + ".mp3");

        using var editor = await _server.SignedInAsync("editor");
        var response = await UploadAsync(editor, "welcome", mp3, "audio/mpeg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await ApiClient.Json(response);
        Assert.StartsWith("MP3 48000 Hz, 2 channels", saved.GetProperty("source").GetString());
        Assert.InRange(saved.GetProperty("seconds").GetDouble(), 1.9, 2.2); // the encoder's padding adds a few ms
        var wav = WavFile.Read(Path.Combine(_server.Editor!.PromptsFolder, "welcome.wav"));
        Assert.Equal((8000, 1), (wav.SampleRate, wav.Channels));
        Assert.InRange(wav.Samples.Max(s => (int)s), 6000, 14000);
    }

    [Fact]
    public async Task BadInput_NotAudio400_Empty400_TooLarge413_UnknownPrompt404_OnlyEditors_NothingWritten()
    {
        using var editor = await _server.SignedInAsync("editor");
        using var supervisor = await _server.SignedInAsync("supervisor");
        var before = await File.ReadAllBytesAsync(Path.Combine(_server.Editor!.PromptsFolder, "welcome.wav"));

        var text = await UploadAsync(editor, "welcome", "这不是音频文件"u8.ToArray(), "audio/wav");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("not audio", (await ApiClient.Json(text)).GetProperty("message").GetString());
        var fakeWav = "RIFF\0\0\0\0WAVEjunkjunkjunk"u8.ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(editor, "welcome", fakeWav, "audio/wav")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(editor, "welcome", [], "audio/wav")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync(editor, "welcome", new byte[21 * 1024 * 1024], "audio/wav")).StatusCode);
        var tooLong = Sine(8000, channels: 1, seconds: 181, bits: 16);
        Assert.Contains("at most 180 s", (await ApiClient.Json(await UploadAsync(editor, "welcome", tooLong, "audio/wav"))).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(editor, "no_such_prompt", Sine(8000, 1, 0.5, 16), "audio/wav")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(supervisor, "welcome", Sine(8000, 1, 0.5, 16), "audio/wav")).StatusCode);

        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(_server.Editor.PromptsFolder, "welcome.wav")));
        Assert.DoesNotContain("welcome human", await File.ReadAllTextAsync(Path.Combine(_server.Editor.PromptsFolder, "audio.manifest")));
    }

    [Fact]
    public async Task FloatAnd24BitWav_AreConvertedToo()
    {
        using var editor = await _server.SignedInAsync("editor");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(editor, "goodbye", Sine(22050, 1, 0.5, 24), "audio/wav")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(editor, "goodbye", Sine(16000, 2, 0.5, 32, ieeeFloat: true), "audio/wav")).StatusCode);
        Assert.Equal(8000, WavFile.Read(Path.Combine(_server.Editor!.PromptsFolder, "goodbye.wav")).SampleRate);
    }

    [Fact]
    public async Task ChangedText_RegeneratedWithEspeak_UnlessRecordedByAPerson()
    {
        Assert.True(Host.Prompts.EspeakSynthesizer.IsInstalled, "espeak-ng is not installed (tools/test installs it)");
        using var editor = await _server.SignedInAsync("editor");
        var folder = _server.Editor!.PromptsFolder;
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(editor, "goodbye", Sine(8000, 1, 0.5, 16), "audio/wav")).StatusCode);
        var recorded = await File.ReadAllBytesAsync(Path.Combine(folder, "goodbye.wav"));
        var welcome = await File.ReadAllBytesAsync(Path.Combine(folder, "welcome.wav"));
        var catalog = Path.Combine(folder, "catalog.yaml");
        var text = await File.ReadAllTextAsync(catalog);
        text = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^  welcome: .*$", "  welcome: 您好，欢迎致电幺二三三三。");
        text = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^  goodbye: .*$", "  goodbye: 再见。");
        await File.WriteAllTextAsync(catalog, text);

        var report = await ApiClient.Json(await editor.PostAsync("/api/prompts/build", new { }));
        Assert.Equal(["welcome"], report.GetProperty("generated").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("goodbye", report.GetProperty("keptHuman").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEqual(welcome, await File.ReadAllBytesAsync(Path.Combine(folder, "welcome.wav")));
        Assert.Equal(recorded, await File.ReadAllBytesAsync(Path.Combine(folder, "goodbye.wav")));
        Assert.Equal(8000, WavFile.Read(Path.Combine(folder, "welcome.wav")).SampleRate);
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient client, string prompt, byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return client.SendRawAsync(HttpMethod.Post, $"/api/prompts/{prompt}/audio", content);
    }

    /// <summary>A 440 Hz sine at −9 dBFS as a WAV file, written by NAudio.</summary>
    private static byte[] Sine(int rate, int channels, double seconds, int bits, bool ieeeFloat = false)
    {
        var format = ieeeFloat ? WaveFormat.CreateIeeeFloatWaveFormat(rate, channels) : new WaveFormat(rate, bits, channels);
        using var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, format))
        {
            var frames = (int)(rate * seconds);
            var samples = new float[frames * channels];
            for (var i = 0; i < frames; i++)
                for (var c = 0; c < channels; c++) samples[i * channels + c] = 0.355f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
            writer.WriteSamples(samples, 0, samples.Length);
        }

        return stream.ToArray();
    }
}
