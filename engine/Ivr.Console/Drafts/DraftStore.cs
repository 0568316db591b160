using Ivr.Data.Drafts;
using Ivr.OperationsConsole.Flows;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// Drafts in the database over the serving folders: a draft holds only the files it changed; every other file is read
/// from the folder the server serves (<see cref="FlowSource"/>, and the replay folder of <see cref="IFlowWorkbench"/>).
/// </summary>
public sealed class DraftStore(IvrDatabase database, FlowSource source, string? replayDirectory, TimeProvider time) : IDraftStore
{
    /// <summary>The serving folder of each draft top.</summary>
    public IReadOnlyDictionary<string, string> Folders { get; } = new Dictionary<string, string>
    {
        ["flows"] = source.FlowsDirectory,
        ["prompts"] = source.PromptsDirectory,
        ["replay"] = replayDirectory ?? Path.Combine(Path.GetTempPath(), "ivr-no-replay-scripts"),
    };

    public async Task<Draft?> FindAsync(long draftId, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await new DraftRepository(connection).FindAsync(draftId, cancellation);
    }

    public async Task<IReadOnlyList<DraftFile>> ChangedFilesAsync(long draftId, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await new DraftRepository(connection).FilesAsync(draftId, cancellation);
    }

    /// <summary>Every editable file of the serving folders, by draft path.</summary>
    public IReadOnlyList<string> ServingPaths()
    {
        var paths = new List<string>();
        foreach (var (top, folder) in Folders)
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var path = $"{top}/{Path.GetRelativePath(folder, file).Replace('\\', '/')}";
                if (DraftPaths.CheckPath(path) is null) paths.Add(path);
            }
        }

        return paths.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The serving file of a draft path; null when there is none.</summary>
    public string? ServingContent(string path)
    {
        var parts = path.Split('/');
        if (DraftPaths.CheckPath(path) is not null || !Folders.TryGetValue(parts[0], out var folder)) return null;
        var file = Path.Combine(folder, Path.Combine(parts[1..]));
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public async Task<DraftFileView?> ReadFileAsync(long draftId, string path, CancellationToken cancellation)
    {
        var changed = (await ChangedFilesAsync(draftId, cancellation)).FirstOrDefault(f => f.Path == path);
        if (changed is not null) return new DraftFileView(path, changed.Content, changed.Revision, true);
        return ServingContent(path) is { } content ? new DraftFileView(path, content, 0, false) : null;
    }

    public async Task<DraftSave> WriteFileAsync(long draftId, string path, string content, long revision, string user, CancellationToken cancellation)
    {
        if ((DraftPaths.CheckPath(path) ?? DraftPaths.CheckContent(content)) is { } refusal) return new DraftSave(null, refusal);
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = connection.BeginWrite();
        var drafts = new DraftRepository(connection, transaction);
        if (await drafts.FindAsync(draftId, cancellation) is not { } draft) return new DraftSave(null, NotFound: true);
        if (!DraftStates.Editable(draft.State)) return new DraftSave(null, Locked: true);
        var saved = await drafts.SaveFileAsync(draftId, path, content, revision, user, time.GetUtcNow(), cancellation);
        if (saved is null)
        {
            var current = (await drafts.FilesAsync(draftId, cancellation)).FirstOrDefault(f => f.Path == path);
            var view = current is null ? new DraftFileView(path, ServingContent(path) ?? "", 0, false) : new DraftFileView(path, current.Content, current.Revision, true);
            return new DraftSave(null, Current: view);
        }

        await transaction.CommitAsync(cancellation);
        return new DraftSave(saved);
    }

    public Task<DraftFolder> LayOutAsync(long draftId, CancellationToken cancellation) => LayOutAsync(draftId, withReplay: true, cancellation);

    /// <param name="withReplay">False lays out only what the validator reads (no replay scripts).</param>
    public async Task<DraftFolder> LayOutAsync(long draftId, bool withReplay, CancellationToken cancellation)
    {
        var files = await ChangedFilesAsync(draftId, cancellation);
        return DraftFolder.Create(Folders, [.. files.Select(f => (f.Path, f.Content))], withReplay);
    }
}
