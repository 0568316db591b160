using Ivr.Flows.Prompts;

namespace Ivr.Flows.Loading;

/// <summary>
/// Keeps the last loaded prompt set by the hash of its folder, so that saving a flow reloads in a few
/// milliseconds instead of decoding every prompt's audio again. Prompt objects are immutable, so
/// sharing them between flow-set versions is safe.
/// </summary>
internal static class PromptSetCache
{
    private static readonly Lock Gate = new();
    private static (string Key, PromptSetLoadResult Result)? _last;

    public static PromptSetLoadResult Load(string catalogPath, string folderHash)
    {
        var key = $"{catalogPath}|{Directory.GetCurrentDirectory()}|{folderHash}";
        lock (Gate)
        {
            if (_last is { } last && last.Key == key) return last.Result;
        }

        var result = PromptSetLoader.Load(catalogPath);
        lock (Gate) _last = (key, result);
        return result;
    }
}
