using Ivr.Flows.Model;
using Ivr.Data.Switches;

namespace Ivr.OperationsConsole.Switches;

/// <summary>A switch as the API shows it: its declaration, its value now, and who set it when.</summary>
internal sealed record SwitchView(string Name, string Flow, bool Instant, string? Description, bool On, bool DeclaredOn,
    DateTimeOffset? ChangedAt, string? ChangedBy)
{
    public static SwitchView Of(FlowSwitch declared, SwitchBoard board)
    {
        var setting = board.Settings.GetValueOrDefault(declared.Name);
        return new SwitchView(declared.Name, declared.Flow, declared.Instant, declared.Description, ValueOf(declared, board) == FlowSwitch.On,
            declared.Default == FlowSwitch.On, setting?.ChangedAt, setting?.ChangedBy);
    }

    /// <summary>The value new calls get: the editors' when it is one, else the flow's own.</summary>
    public static string ValueOf(FlowSwitch declared, SwitchBoard board) => declared.ValueFrom(board.Current);
}
