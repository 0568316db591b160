using Ivr.Flows.Prompts;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Prompts;

public sealed class PromptCatalogFileTests
{
    private const string Path = "prompts/zh-CN/catalog.yaml";

    [Fact]
    public void Parse_ValidCatalog_ReadsLanguageVoiceAndPromptsInOrder()
    {
        var result = PromptCatalogFile.Parse("language: zh-CN\nvoice: cmn-latn-pinyin\nprompts:\n  welcome: 您好。\n  goodbye: 再见。\n", Path);

        Assert.False(result.HasErrors);
        Assert.Empty(result.Diagnostics);
        var catalog = result.Catalog!;
        Assert.Equal("zh-CN", catalog.Language);
        Assert.Equal("cmn-latn-pinyin", catalog.Voice);
        Assert.Equal(["welcome", "goodbye"], catalog.Prompts.Select(p => p.Id));
        Assert.Equal("再见。", catalog.Find("goodbye")!.Text);
        Assert.Equal(new SourceLocation(Path, 5, 3), catalog.Find("goodbye")!.Location);
    }

    [Fact]
    public void Parse_DuplicateIds_ReportsEveryDuplicateWithLocation()
    {
        var yaml = "language: zh-CN\nvoice: cmn\nprompts:\n  a: 一\n  b: 二\n  a: 三\n  b: 四\n";
        var result = PromptCatalogFile.Parse(yaml, Path);

        Assert.True(result.HasErrors);
        Assert.Collection(result.Diagnostics,
            d => Assert.Equal($"{Path}:6:3: error: duplicate key 'a' (first at line 4); remove or rename one of them", d.ToString()),
            d => Assert.Equal($"{Path}:7:3: error: duplicate key 'b' (first at line 5); remove or rename one of them", d.ToString()));
    }

    [Fact]
    public void Parse_ATagThatIsNoUri_IsADiagnostic_NotAnArgumentError() // YamlDotNet throws ArgumentException for it
    {
        var result = PromptCatalogFile.Parse("language: zh-CN\nvoice: cmn\nprompts:\n  a: !!!!!!+!!.\n", Path);

        Assert.True(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.ToString().Contains("a tag (a word starting with '!') must be a valid URI", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SameKeyInDifferentMappings_IsNotADuplicate()
    {
        var result = PromptCatalogFile.Parse("language: zh-CN\nvoice: cmn\nprompts:\n  language: 中文\n", Path);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Parse_EveryProblemAtOnce_ReportsAllWithLines()
    {
        var yaml = "language: zh-CN\nvoice: cmn\nextra: 1\nprompts:\n  Welcome: 您好\n  bad-id: 好\n  empty: \"\"\n  list: [a, b]\n  ok: 好\n";
        var result = PromptCatalogFile.Parse(yaml, Path);

        var lines = result.Diagnostics.Select(d => (d.Line, d.Severity)).ToList();
        Assert.Equal([(3, Severity.Error), (5, Severity.Error), (6, Severity.Error), (7, Severity.Error), (8, Severity.Error)], lines);
        Assert.Contains("unknown field 'extra'", result.Diagnostics[0].Message);
        Assert.Contains("lowercase letters, digits and '_'", result.Diagnostics[1].Message);
        Assert.Contains("has no text", result.Diagnostics[3].Message);
        Assert.Equal(["ok"], result.Catalog!.Prompts.Select(p => p.Id));
    }

    [Fact]
    public void Parse_MissingFields_NamesThem()
    {
        var result = PromptCatalogFile.Parse("language: zh-CN\n", Path);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("missing field 'voice'"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("missing field 'prompts'"));
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLocation()
    {
        var result = PromptCatalogFile.Parse("language: zh-CN\nprompts:\n  a: [unclosed\n", Path);
        Assert.Null(result.Catalog);
        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.Line >= 3, error.ToString());
        Assert.Contains("YAML syntax error", error.Message);
    }

    [Fact]
    public void Load_MissingFile_IsAnError()
    {
        var result = PromptCatalogFile.Load("/nonexistent/catalog.yaml");
        Assert.True(result.HasErrors);
        Assert.Contains("not found", result.Diagnostics[0].Message);
    }

    [Fact]
    public void Load_CommittedCatalog_IsCleanAndHasEveryServicePrompt()
    {
        var result = PromptCatalogFile.Load(RepositoryFiles.CatalogPath);

        Assert.Empty(result.Diagnostics);
        string[] required =
        [
            "welcome", "welcome_holiday", "announcement", "main_menu", "main_menu_short", "invalid_key", "no_input",
            "enter_id", "invalid_id", "enter_query_pin", "wrong_pin", "pin_locked", "pension_monthly", "pension_last_paid_month",
            "pension_account_balance", "pension_years_contributed", "enter_card_or_serial", "contrib_last_month", "contrib_months",
            "contrib_medical_balance", "contrib_arrears", "card_menu", "card_loss_confirm", "card_loss_reference", "card_loss_next_steps",
            "card_pin_enter_old", "card_pin_enter_new", "card_pin_enter_again", "card_pin_mismatch", "card_pin_weak", "card_pin_changed",
            "card_unreport_outlet", "appraisal_menu", "appraisal_conclusion", "appraisal_grade_1", "appraisal_grade_10", "appraisal_grade_none",
            "fax_menu", "fax_mode", "fax_instant", "fax_scheduled", "vm_record", "vm_review", "vm_callback_choice", "vm_enter_number",
            "vm_number_readback", "vm_saved", "agent_transfer", "agent_hours", "agent_closed", "agent_offer_message", "transfer_failed",
            "system_fault", "please_wait", "thanks_for_waiting", "anything_else", "survey", "survey_thanks", "not_found", "data_may_lag",
            "goodbye", "beep",
        ];
        Assert.All(required, id => Assert.True(result.Catalog!.Contains(id), $"catalog lacks '{id}'"));
        Assert.All(Ivr.Core.Speech.MandarinSayAs.FragmentPromptIds, id => Assert.True(result.Catalog!.Contains(id), $"catalog lacks say-as '{id}'"));
    }

    [Fact]
    public void Load_CommittedCatalog_FollowsEtiquette()
    {
        string[] forbidden = ["我不知道", "我不清楚", "这是我们的规定", "没办法", "不关我的事", "自己去看", "别再来电话", "听不懂", "#", "*", "重新"];
        var catalog = PromptCatalogFile.Load(RepositoryFiles.CatalogPath).Catalog!;
        foreach (var prompt in catalog.Prompts)
            Assert.All(forbidden, phrase => Assert.DoesNotContain(phrase, prompt.Text));
        Assert.StartsWith("您好", catalog.Find("welcome")!.Text);
        Assert.Contains("再见", catalog.Find("goodbye")!.Text);
        Assert.Contains("5个工作日", catalog.Find("vm_saved")!.Text);
    }
}
