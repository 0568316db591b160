using System.Text.Json;
using Ivr.OperationsConsole.Calls;
using Ivr.OperationsConsole.Cards;
using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Faxes;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Live;
using Ivr.OperationsConsole.Nodes;
using Ivr.OperationsConsole.Metrics;
using Ivr.OperationsConsole.Security;
using Ivr.OperationsConsole.Statistics;
using Ivr.OperationsConsole.Users;
using Ivr.OperationsConsole.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Ivr.OperationsConsole;

/// <summary>
/// The operations console: Kestrel serving the pages and the JSON API (see API.md) in the server's
/// own process. <see cref="StartAsync"/> returns once it listens; <see cref="Address"/> tells where.
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    private readonly WebListener _listener;

    private ConsoleHost(WebListener listener) => _listener = listener;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Address => _listener.Address;

    public static async Task<ConsoleHost> StartAsync(ConsoleOptions options, ConsoleServices services, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var webRoot = options.WebRoot ?? Environment.GetEnvironmentVariable("IVR_CONSOLE_WWWROOT") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebListener.CreateBuilder(options.BindAddress, options.Port);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(services.Database);
        builder.Services.AddSingleton(services.Time);
        builder.Services.AddSingleton(services.LiveCalls);
        builder.Services.AddSingleton(services.Flows);
        builder.Services.AddSingleton(_ => new AccessLog(services.Database, services.Time, services.Log, options.RefusalsLoggedPerMinute));
        builder.Services.AddSingleton(_ => new SignInLimiter(services.Database, services.Time, options));
        builder.Services.AddSingleton<SessionService>();
        builder.Services.AddSingleton(_ => new UserAccounts(services.Database, options.Passwords, services.Time));
        builder.Services.AddSingleton(_ => new FlowDiagrams());
        builder.Services.AddSingleton(_ => new Statistics.VersionMenuCache(services.Database));
        builder.Services.AddSingleton(_ => new DraftStore(services.Database, services.Flows, services.Workbench?.ReplayDirectory, services.Time));
        builder.Services.AddSingleton<IDraftStore>(provider => provider.GetRequiredService<DraftStore>());
        builder.Services.AddSingleton(_ => new DraftCheck(services.Flows.Operations, services.Workbench, services.Time));
        builder.Services.AddSingleton(_ => new TryCalls.TryCallRegistry(services.Time));
        builder.Services.AddSingleton(_ => new Memory.HeapTrim(services.Time, () => services.LiveCalls.Snapshot().Calls.Count > 0, services.Log));

        var app = builder.Build();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<SessionMiddleware>();
        var api = app.MapGroup("/api");
        SessionEndpoints.Map(api);
        LiveEndpoints.Map(api);
        NodeEndpoints.Map(api);
        StatisticsEndpoints.Map(api);
        FlowEndpoints.Map(api);
        CallEndpoints.Map(api);
        WorkEndpoints.Map(api);
        FaxEndpoints.Map(api);
        CardEndpoints.Map(api);
        PinEndpoints.Map(api);
        PinAlertEndpoints.Map(api);
        Handoffs.HandoffEndpoints.Map(api);
        UserEndpoints.Map(api);
        Callers.MissedEndpoints.Map(api);
        Callers.FlagEndpoints.Map(api);
        Callers.EmergencyEndpoints.Map(api);
        Server.ServerEndpoints.Map(api);
        Backups.BackupEndpoints.Map(api);
        DraftEndpoints.Map(api);
        DraftReviewEndpoints.Map(api);
        DraftDiagramEndpoints.Map(api);
        RollbackEndpoints.Map(api);
        HorizonEndpoints.Map(api);
        Switches.SwitchEndpoints.Map(api);
        Prompts.PromptAudioEndpoints.Map(api);
        TryCalls.TryCallEndpoints.Map(api);
        TryCalls.TryCallDraftEndpoints.Map(api);
        api.Map("/{**rest}", () => Api.ApiError.NotFound());
        if (services.Metrics is { } metrics) MetricsEndpoint.Map(app, metrics);
        StaticPages.Map(app, webRoot);

        var firstAdmin = await app.Services.GetRequiredService<UserAccounts>()
            .EnsureFirstAdminAsync(options.InitialAdmin?.Name, options.InitialAdmin?.Password, cancellation);
        if (firstAdmin is not null) services.Log(firstAdmin);

        return new ConsoleHost(await WebListener.StartAsync(app, cancellation));
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
