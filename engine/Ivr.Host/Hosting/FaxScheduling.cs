using Ivr.Core.Fax;
using Ivr.Data;
using Ivr.Data.Fax;

namespace Ivr.Host.Hosting;

/// <summary>
/// Runs the scheduled-fax queue inside <c>ivr serve</c>: the dialer made by <see cref="FaxDialerFactory"/>,
/// the live flow set's catalog, and the settings of deploy/fax.yaml. Interrupted jobs are recovered and
/// jobs that fell due while the server was down are sent as soon as it starts.
/// </summary>
public static class FaxScheduling
{
    /// <param name="cancellation">Stops the queue at once (a fax being sent is abandoned and retried later).</param>
    /// <param name="stopClaiming">A drain: no new job is claimed; the task ends once a fax being sent is done.</param>
    /// <param name="node">The node's id (<c>--node-id</c>): every claim and lease names it, so a job held by a lost node is recognised.</param>
    public static Task Start(IvrDatabase database, FlowSetHost flows, FaxSettings settings, IFaxDialer dialer, TimeProvider time, Action<string> log,
        string node, CancellationToken cancellation, CancellationToken stopClaiming = default)
    {
        var scheduler = new FaxJobScheduler(database, dialer, new FaxDocumentSource(() => flows.Current), settings, time, log, node);
        log($"fax: scheduled faxes between {settings.AllowedFrom:HH\\:mm} and {settings.AllowedUntil:HH\\:mm} China time, {settings.MaxAttempts} tries {settings.RetryDelay.TotalMinutes:0.#} min apart");
        return Task.Run(() => scheduler.RunAsync(cancellation, stopClaiming), CancellationToken.None);
    }

    /// <summary>deploy/fax.yaml when present, the defaults otherwise.</summary>
    public static FaxSettings LoadSettings(string? path, Action<string> log)
    {
        var file = path ?? (File.Exists(FaxSettingsFile.DefaultPath) ? FaxSettingsFile.DefaultPath : null);
        if (file is null) return FaxSettings.Default;
        var settings = FaxSettingsFile.Read(file);
        log($"fax: settings from {file}");
        return settings;
    }
}
