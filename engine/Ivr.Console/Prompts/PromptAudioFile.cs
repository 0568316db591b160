using Ivr.Flows.Model;

namespace Ivr.OperationsConsole.Prompts;

/// <summary>A prompt's WAV file of a given flow set (served or a try-call's), for the browser's &lt;audio&gt; element.</summary>
internal static class PromptAudioFile
{
    public static IResult Result(FlowSet set, string id)
    {
        if (!set.Prompts.TryGetValue(id, out var prompt) || prompt.AudioFile is not { } path || !File.Exists(path)) return Api.ApiError.NotFound();
        return Results.File(Path.GetFullPath(path), "audio/wav", enableRangeProcessing: true);
    }
}
