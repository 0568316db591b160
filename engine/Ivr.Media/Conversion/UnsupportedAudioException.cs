namespace Ivr.Media.Conversion;

/// <summary>An upload that is not audio Ivr can convert, or beyond the limits; the message says why, for the uploader.</summary>
public sealed class UnsupportedAudioException(string message) : Exception(message);
