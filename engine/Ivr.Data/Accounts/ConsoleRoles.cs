namespace Ivr.Data.Accounts;

/// <summary>The text form of <see cref="ConsoleRole"/>, as stored, typed on the command line and sent over the API.</summary>
public static class ConsoleRoles
{
    public static IReadOnlyList<string> Names { get; } = ["agent", "supervisor", "editor", "admin"];

    public static string ToText(ConsoleRole role) => role switch
    {
        ConsoleRole.Supervisor => "supervisor",
        ConsoleRole.Editor => "editor",
        ConsoleRole.Admin => "admin",
        _ => "agent",
    };

    public static bool TryParse(string? text, out ConsoleRole role)
    {
        role = text switch
        {
            "agent" => ConsoleRole.Agent,
            "supervisor" => ConsoleRole.Supervisor,
            "editor" => ConsoleRole.Editor,
            "admin" => ConsoleRole.Admin,
            _ => (ConsoleRole)(-1),
        };
        return Enum.IsDefined(role);
    }
}
