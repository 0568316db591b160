namespace Ivr.Host.Commands;

/// <summary>Parses options and prints <c>--help</c> the same way for every verb.</summary>
public abstract class CommandBase : ICommand
{
    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string Usage { get; }

    protected virtual IReadOnlyCollection<string> ValuedOptions => IvrPaths.Options;

    protected virtual IReadOnlyCollection<string> Switches => [];

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var line = CommandLine.Parse(args, ValuedOptions, Switches);
        if (line.Help)
        {
            Console.WriteLine(Usage);
            return Task.FromResult(0);
        }

        return RunAsync(line, cancellation);
    }

    protected abstract Task<int> RunAsync(CommandLine line, CancellationToken cancellation);
}
