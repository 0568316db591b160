using Ivr.Data.Drafts;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// Drafts as other parts of the console use them (the try-call, prompt uploads): read and write one file of a draft,
/// and lay a draft out as a flow set the runtime can load.
/// </summary>
public interface IDraftStore
{
    Task<Draft?> FindAsync(long draftId, CancellationToken cancellation);

    /// <summary>The file as the draft sees it (its own change, else the serving file); null when neither has it.</summary>
    Task<DraftFileView?> ReadFileAsync(long draftId, string path, CancellationToken cancellation);

    /// <summary>Saves a file when <paramref name="revision"/> is the one stored (0 for a file the draft has not changed yet).</summary>
    Task<DraftSave> WriteFileAsync(long draftId, string path, string content, long revision, string user, CancellationToken cancellation);

    /// <summary>The draft laid out as files (dispose to delete them); <c>FlowSetLoader.Load(folder.Flows, folder.Prompts, …)</c> loads it.</summary>
    Task<DraftFolder> LayOutAsync(long draftId, CancellationToken cancellation);
}
