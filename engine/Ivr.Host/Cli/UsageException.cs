namespace Ivr.Host.Cli;

/// <summary>The command was called wrongly; the message says how (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
