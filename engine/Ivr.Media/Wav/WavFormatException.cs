namespace Ivr.Media.Wav;

/// <summary>A file that is not audio we can play; the message says what is wrong and what is expected.</summary>
public sealed class WavFormatException(string message) : Exception(message);
