namespace Ivr.Flows.Expressions;

public enum ValueKind
{
    Null,
    Bool,
    Number,
    Text,
}
