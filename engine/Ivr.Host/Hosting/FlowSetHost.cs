using Ivr.Flows.Loading;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// Keeps the live flow set. Watches the flows and prompts folders; a change is loaded and validated
/// as a whole set and swapped in atomically when it is valid, so new calls get it at once while
/// calls already running keep the set they started with. An invalid change is rejected with its
/// diagnostics in the log, and the last good version keeps serving. In cluster mode the set comes from the
/// database instead (<see cref="PublishedFlowSetFollower"/> calls <see cref="LoadFrom"/> with the published copy),
/// and a watched change is published rather than loaded.
/// </summary>
public sealed class FlowSetHost : IDisposable
{
    /// <summary>How long to wait after the last file event before reloading (editors save in bursts).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(200);

    private readonly string _flows;
    private string? _currentFlows;
    private string? _currentPrompts;
    private readonly string _prompts;
    private readonly IReadOnlyCollection<string>? _operations;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly object _reloadGate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private ITimer? _settle;
    private Action? _changed;
    private FlowSet? _current;

    public FlowSetHost(string flows, string prompts, IReadOnlyCollection<string>? operations, TimeProvider time, Action<string> log)
    {
        _flows = flows;
        _prompts = prompts;
        _operations = operations;
        _time = time;
        _log = log;
    }

    /// <summary>The set new calls get; null until a first valid load.</summary>
    public FlowSet? Current => Volatile.Read(ref _current);

    /// <summary>The flows folder the serving version was loaded from: the node's own, or in cluster mode the published copy.</summary>
    public string CurrentFlowsFolder => Volatile.Read(ref _currentFlows) ?? _flows;

    /// <summary>The prompts folder the serving version was loaded from (as <see cref="CurrentFlowsFolder"/>).</summary>
    public string CurrentPromptsFolder => Volatile.Read(ref _currentPrompts) ?? _prompts;

    /// <summary>Raised after a new version is swapped in.</summary>
    public event Action<FlowSet>? Swapped;

    /// <summary>Loads the folders now; true when a valid set is serving afterwards.</summary>
    public bool Reload() => LoadFrom(_flows, _prompts);

    /// <summary>Loads a set from other folders (a published copy); true when a valid set is serving afterwards.</summary>
    public bool LoadFrom(string flows, string prompts)
    {
        lock (_reloadGate)
        {
            var result = FlowSetLoader.Load(flows, prompts, _operations, _time);
            foreach (var warning in result.Warnings) _log($"flows: {warning}");
            var current = Current;
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) _log($"flows: {error}");
                _log(current is null
                    ? "flows: rejected; nothing is serving until the errors are fixed"
                    : $"flows: change rejected ({result.Errors.Count()} errors); still serving version {current.Version}");
                return current is not null;
            }

            if (current?.Version == result.Set!.Version) return true;
            Volatile.Write(ref _currentFlows, flows);
            Volatile.Write(ref _currentPrompts, prompts);
            Volatile.Write(ref _current, result.Set);
            _log($"flows: serving version {result.Set.Version} ({result.Set.Flows.Count} flows, {result.Set.AllNodes.Count()} nodes){(current is null ? "" : $", replacing {current.Version}")}");
            Swapped?.Invoke(result.Set);
            return true;
        }
    }

    /// <summary>Starts watching both folders; each burst of changes triggers one reload after <see cref="SettleTime"/>
    /// — or, given <paramref name="changed"/>, that instead (cluster mode publishes the change).</summary>
    public void Watch(Action? changed = null)
    {
        _changed = changed;
        _settle = _time.CreateTimer(static s => ((FlowSetHost)s!).Settled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var folder in new[] { _flows, _prompts })
        {
            if (!Directory.Exists(folder)) continue;
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Settled()
    {
        if (_changed is { } changed) changed();
        else Reload();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _settle?.Change(SettleTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _settle?.Dispose();
    }
}
