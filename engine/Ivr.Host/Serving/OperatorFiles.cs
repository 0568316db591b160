using Ivr.Data.Fax;
using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Callers;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Transfers;

namespace Ivr.Host.Serving;

/// <summary>
/// The operators' files under deploy/ that the server reads once at start: the agents' queues, the outbound
/// trunk, the scheduled-fax settings, where emergencies are paged (deploy/alerts.yaml) and the statistics zone
/// (deploy/statistics.yaml, checked only: <see cref="StatisticsZoneFile"/>). A file that cannot be read or is wrong stops the start with its
/// message (file and line); each loaded file says in the log what it set up.
/// </summary>
public sealed record OperatorFiles(TransferTargets? Queues, TrunkOptions? Trunk, FaxSettings Fax, AlertSettings Alerts)
{
    public static OperatorFiles Load(ServeOptions options, Action<string> log)
    {
        var queues = options.QueueFile is { } queueFile ? Read("queues", () => QueueFile.Read(queueFile)) : null;
        if (queues is not null)
        {
            log(queues.Queues.Count == 0
                ? $"queues: {options.QueueFile} lists no queue; transfers fail over to each flow's on_failure branch"
                : $"queues: transfers by REFER to {string.Join(", ", queues.Queues)} ({options.QueueFile})");
        }

        var trunk = options.TrunkFile is { } trunkFile ? Read("trunk", () => TrunkFile.Read(trunkFile)) : null;
        if (options.TrunkFile is not null)
            log(trunk is null ? $"trunk: {options.TrunkFile} names no address; numbers cannot be dialled" : $"trunk: {trunk} ({options.TrunkFile})");

        var fax = Read("fax", () => FaxScheduling.LoadSettings(null, log));
        var alerts = Read("alerts", () => AlertSettingsFile.Load(null, log));
        Read("statistics", () => StatisticsZoneFile.Load(null, log));
        return new OperatorFiles(queues, trunk, fax, alerts);
    }

    /// <summary>One file's reading: its problem becomes the reason the server does not start.</summary>
    private static T Read<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"{what}: {ex.Message}");
        }
    }
}
