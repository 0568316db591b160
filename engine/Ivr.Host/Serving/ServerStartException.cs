namespace Ivr.Host.Serving;

/// <summary>
/// The server cannot start: a configuration file is wrong, a port is taken, no flow set is valid. The message
/// is the log line that says what to fix; <c>ivr serve</c> exits 1 (not 2: the command line itself was right).
/// </summary>
public sealed class ServerStartException(string message) : Exception(message);
