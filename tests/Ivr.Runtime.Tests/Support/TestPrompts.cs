using Ivr.Core.Speech;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// The text-only prompt catalog every fixture uses. Each test prompt says four characters, so it
/// lasts exactly 1 s (the loader estimates 0.25 s a character); say-as fragments last 0.25 s.
/// </summary>
internal static class TestPrompts
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(1);

    public static readonly IReadOnlyList<string> Ids =
    [
        "welcome", "menu_main", "menu_sub", "reprompt", "invalid", "no_input", "goodbye", "wait",
        "enter_id", "enter_pin", "enter_card", "thanks", "transfer_msg", "record_msg", "sorry",
        "open_msg", "closed_msg", "holiday_msg", "found", "not_found", "lookup_error", "timed_out",
        "one", "two", "twelve", "back_msg", "sub_done", "after_sub", "locked", "balance_is", "press_key",
    ];

    public static string Catalog()
    {
        var lines = new List<string> { "language: zh-CN", "voice: cmn-latn-pinyin", "prompts:" };
        lines.AddRange(Ids.Select(id => $"  {id}: 四个汉字"));
        lines.AddRange(MandarinSayAs.FragmentPromptIds.Select(id => $"  {id}: 零"));
        return string.Join('\n', lines) + "\n";
    }
}
