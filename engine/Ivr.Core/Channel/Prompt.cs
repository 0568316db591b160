namespace Ivr.Core.Channel;

/// <summary>
/// One prompt of the catalog, loaded once and shared by every call of a flow version.
/// <see cref="Samples"/> is 8 kHz mono 16-bit linear audio; empty when only the text exists
/// (a simulated call still knows how long it would take from <see cref="Duration"/>).
/// </summary>
public sealed class Prompt(string id, string text, TimeSpan duration, ReadOnlyMemory<short> samples, string? audioFile = null)
{
    public string Id { get; } = id;

    public string Text { get; } = text;

    public TimeSpan Duration { get; } = duration;

    public ReadOnlyMemory<short> Samples { get; } = samples;

    public string? AudioFile { get; } = audioFile;

    public override string ToString() => Id;
}
