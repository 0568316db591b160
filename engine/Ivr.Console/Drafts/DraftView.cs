using System.Text.Json;
using Ivr.Data.Drafts;

namespace Ivr.OperationsConsole.Drafts;

/// <summary>A draft as the API shows it, with the paths it changed and the check stored when it was submitted.</summary>
internal static class DraftView
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object Of(Draft d, IEnumerable<DraftFile> files) => new
    {
        d.Id,
        d.Title,
        d.BaseVersion,
        d.Author,
        d.CreatedAt,
        d.UpdatedAt,
        d.State,
        d.SubmitReason,
        d.Reviewer,
        d.ReviewComment,
        d.ReviewedAt,
        d.PublishedVersion,
        changed = files.Select(f => new { f.Path, f.Revision, f.UpdatedBy, f.UpdatedAt }),
        check = d.CheckReport is { } report ? JsonSerializer.Deserialize<JsonElement>(report) : (JsonElement?)null,
    };
}
