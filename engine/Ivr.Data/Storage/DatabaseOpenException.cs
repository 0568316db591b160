namespace Ivr.Data;

/// <summary>The database cannot be used: unreachable, credentials refused, not a writable file, a failed
/// migration or a schema newer than this program. The message is for the operator and names the
/// database (a URL without its password).</summary>
public sealed class DatabaseOpenException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
