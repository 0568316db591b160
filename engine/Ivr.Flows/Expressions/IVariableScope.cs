namespace Ivr.Flows.Expressions;

/// <summary>Where expressions read variables from: a call's variables plus its built-ins.</summary>
public interface IVariableScope
{
    /// <summary>The variable's text, or null when it was never set.</summary>
    string? Get(string name);
}
