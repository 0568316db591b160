namespace Ivr.Media.Conversion;

/// <summary>An upload converted to the prompt format: the WAV file's bytes, its length, and what the upload was (e.g. "MP3 44100 Hz, 2 channels").</summary>
public sealed record ConvertedAudio(byte[] Wav, TimeSpan Duration, string Source);
