namespace Ivr.Fax;

/// <summary>spandsp is missing: the message says how to install it.</summary>
public sealed class FaxUnavailableException(string message) : Exception(message);
