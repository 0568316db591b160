namespace Ivr.Media.Inbound;

/// <summary>Receives decoded 8 kHz samples; the memory is reused after the call returns.</summary>
public delegate void AudioFrameHandler(ReadOnlySpan<short> samples);
