namespace Ivr.Runtime.Tests.Nodes;

/// <summary>Flow sets shared by the play and menu tests.</summary>
internal static class MenuFlows
{
    /// <summary>
    /// welcome (barge-in) and quiet (no barge-in) lead to main_menu: 1 → sub_menu, 2 → two;
    /// sub_menu: 1 → one. Three tries, then failed (disposition caller_failed).
    /// </summary>
    public static string Flow(string start) => $$"""
        flow: main
        start: {{start}}
        defaults:
          invalid: invalid
          no_input: no_input
          on_fail: failed
          timeout: 5s
          inter_digit_timeout: 3s
          max_tries: 3
        nodes:
          welcome:
            kind: play
            prompts: welcome
            next: main_menu
          quiet:
            kind: play
            prompts: thanks
            barge_in: false
            next: main_menu
          main_menu:
            kind: menu
            prompt: menu_main
            reprompt: reprompt
            options:
              "1": sub_menu
              "2": two
          sub_menu:
            kind: menu
            prompt: menu_sub
            options:
              "1": one
          one:
            kind: hangup
            prompt: one
          two:
            kind: hangup
            prompt: two
          failed:
            kind: hangup
            prompt: sorry
            disposition: caller_failed
        """;
}
