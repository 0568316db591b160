namespace Ivr.Host.Cli;

/// <summary>One verb of the <c>ivr</c> command line.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text.</summary>
    string Usage { get; }

    /// <returns>The process exit code: 0 success, 1 failure, 2 wrong usage.</returns>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation);
}
