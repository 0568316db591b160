namespace Ivr.Fax.Rendering;

/// <summary>A document could not be rendered; the message says why (and what to install, when a tool is missing).</summary>
public sealed class FaxRenderException(string message) : Exception(message);
