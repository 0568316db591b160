namespace Ivr.Flows.Model;

/// <summary>The node kinds of the flow language, as written after <c>kind:</c> in YAML.</summary>
public enum NodeKind
{
    Play,
    Menu,
    Collect,
    Say,
    Lookup,
    Branch,
    Set,
    Hours,
    Record,
    Transfer,
    Subflow,
    Return,
    Goto,
    Hangup,
    Fax,
}
