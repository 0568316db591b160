namespace Ivr.Host.Tests.Cli;

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
