using Ivr.Core.Speech;

namespace Ivr.Runtime.Replay;

/// <summary>
/// One step of a replay script. Which fields matter depends on <see cref="Kind"/>:
/// <see cref="Values"/> holds prompt ids (expect), the digits (press, with <c>{name}</c> placeholders),
/// the node (expect_node), the queue (expect_transfer) or the disposition (expect_hangup).
/// </summary>
public sealed record ReplayStep(ReplayStepKind Kind, int Line)
{
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Press: delay after the previous step (null: when the prompt playing has ended). Wait, record: how long.</summary>
    public TimeSpan? After { get; init; }

    /// <summary>Press: between keys.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMilliseconds(200);

    public SayAsKind SayAs { get; init; }

    /// <summary>expect_variable: name → expected value (placeholders allowed).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = [];

    /// <summary>record: how the recording ends (key, silence).</summary>
    public string EndedBy { get; init; } = "key";

    public string Describe() => Kind switch
    {
        ReplayStepKind.Expect => $"expect {string.Join(", ", Values)}",
        ReplayStepKind.ExpectSay => $"expect_say {SayAs.ToString().ToLowerInvariant()} {Values.FirstOrDefault()}",
        ReplayStepKind.Press => $"press {Values.FirstOrDefault()}",
        ReplayStepKind.ExpectVariable => $"expect_variable {string.Join(", ", Variables.Select(v => v.Key))}",
        _ => $"{Kind} {string.Join(", ", Values)}".Trim(),
    };
}
