namespace Ivr.Data.Accounts;

/// <summary>What a console user may see and do; stored as <c>agent</c> / <c>supervisor</c> / <c>editor</c> / <c>admin</c>.</summary>
public enum ConsoleRole
{
    Agent,
    Supervisor,
    Editor,
    Admin,
}
