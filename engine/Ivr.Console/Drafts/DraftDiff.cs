using System.Text;
using Ivr.Data.Drafts;
using Ivr.OperationsConsole.Flows;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>A unified diff of a draft's changed files against the files serving now.</summary>
internal static class DraftDiff
{
    public static string Of(DraftStore store, IEnumerable<DraftFile> changed)
    {
        var diff = new StringBuilder();
        foreach (var file in changed)
        {
            var serving = store.ServingContent(file.Path);
            diff.Append(UnifiedDiff.Of(serving ?? "", file.Content, serving is null ? "/dev/null" : $"serving/{file.Path}", $"draft/{file.Path}"));
        }

        return diff.ToString();
    }
}
