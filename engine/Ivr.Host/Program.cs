using Ivr.Host.Commands;

namespace Ivr.Host;

/// <summary>The <c>ivr</c> command line: one verb per command, <c>--help</c> on each, non-zero exit on failure.</summary>
public static class Program
{
    public static readonly IReadOnlyList<ICommand> Commands =
    [
        new ServeCommand(ShutdownSignals.Process),
        new DrainCommand(),
        new ValidateCommand(),
        new ReplayCommand(),
        new GraphCommand(),
        new CallsCommand(),
        new MissedCommand(),
        new ScriptFromCallCommand(),
        new DbCommand(),
        new PromptsCommand(),
        new FaxCommand(),
        new UsersCommand(),
        new FlowsCommand(),
        new SecretsCommand(),
    ];

    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C stops now; SIGTERM (a service manager, `ivr drain`) drains a running server, and stops anything else.
        using var signals = ShutdownSignals.Process.Listen();
        return await RunAsync(args, ShutdownSignals.Process.StopNow);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Overview());
            return args.Count == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"ivr: unknown command '{args[0]}'\n\n{Overview()}");
            return 2;
        }

        try
        {
            return await command.RunAsync(args.Skip(1).ToList(), cancellation);
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"ivr {command.Name}: {ex.Message}\n\n{command.Usage}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return 130;
        }
        catch (Ivr.Data.DatabaseOpenException ex)
        {
            Console.Error.WriteLine($"ivr {command.Name}: {ex.Message}");
            return 1;
        }
    }

    private static string Overview() =>
        "usage: ivr COMMAND [options]   (ivr COMMAND --help for each)\n\ncommands:\n"
        + string.Join('\n', Commands.Select(c => $"  {c.Name,-17} {c.Summary}"));
}
