namespace Ivr.Media.Inbound;

/// <summary>One key press, reported once, and how it came.</summary>
public readonly record struct DtmfKeyPress(char Key, DtmfSource Source);
