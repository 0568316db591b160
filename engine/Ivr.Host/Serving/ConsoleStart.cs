using Ivr.Data;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.Host.Metrics;
using Ivr.OperationsConsole;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Flows;

namespace Ivr.Host.Serving;

/// <summary>
/// Starts the operations console on the server's database, live calls, flow set and clock. Its first admin
/// comes from IVR_ADMIN_USER and IVR_ADMIN_PASSWORD (only while no user exists); there is no default password.
/// It also serves the node's metrics on /metrics, without sign-in, and pages emergencies to deploy/alerts.yaml's webhook.
/// </summary>
internal static class ConsoleStart
{
    public static async Task<ConsoleHost> StartAsync(ServeOptions options, IvrDatabase database, LiveCalls live, FlowSetHost flows,
        ServerDrain drain, IvrMetrics metrics, AlertSettings alerts, FlowWorkbench workbench, EditorServices editor, TimeProvider clock, Action<string> log,
        CancellationToken cancellation)
    {
        var admin = Environment.GetEnvironmentVariable("IVR_ADMIN_USER");
        var password = Environment.GetEnvironmentVariable("IVR_ADMIN_PASSWORD");
        var paths = options.Paths;
        try
        {
            var console = await ConsoleHost.StartAsync(
                new ConsoleOptions
                {
                    BindAddress = options.HttpBind,
                    Port = options.HttpPort,
                    RecordingsDirectory = options.RecordingsRoot,
                    InitialAdmin = admin is { Length: > 0 } && password is { Length: > 0 } ? (admin, password) : null,
                },
                new ConsoleServices(database, clock, live,
                    new FlowSource(() => flows.Current, paths.Flows, paths.Prompts, KnownOperations.All), log,
                    new ConsoleFaxJobs(database, clock), drain, metrics, new WebhookPager(alerts, log, clock), workbench, editor),
                cancellation);
            log($"console: listening on {console.Address}");
            return console;
        }
        catch (IOException e)
        {
            throw new ServerStartException($"cannot listen for the console on {options.HttpBind}:{options.HttpPort}: {e.Message} (--http-port, or --no-console)");
        }
    }
}
