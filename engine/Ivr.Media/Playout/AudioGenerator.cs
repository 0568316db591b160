namespace Ivr.Media.Playout;

/// <summary>Fills one frame of 8 kHz samples with generated audio (a fax modem's signal); runs on the pacing thread.</summary>
public delegate void AudioGenerator(Span<short> frame);
