using System.Text.Json;

namespace Ivr.Data.Fax;

/// <summary>The status as stored and shown: <c>queued</c>, <c>sending</c>, <c>sent</c>, <c>failed</c>, <c>retry_wait</c>, <c>cancelled</c>.</summary>
public static class FaxJobStatusText
{
    public static string ToText(FaxJobStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static bool TryParse(string? text, out FaxJobStatus status)
    {
        foreach (var candidate in Enum.GetValues<FaxJobStatus>())
        {
            if (ToText(candidate) != text) continue;
            status = candidate;
            return true;
        }

        status = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<FaxJobStatus>().Select(ToText);
}
