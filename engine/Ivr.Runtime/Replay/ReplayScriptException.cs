namespace Ivr.Runtime.Replay;

/// <summary>A script that cannot be run as written; the message starts with <c>PATH:LINE:COL:</c>.</summary>
public sealed class ReplayScriptException(string message) : Exception(message);
