namespace Ivr.OperationsConsole.Users;

/// <summary>A user as the API shows it: never the hash.</summary>
internal sealed record UserView(string Name, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static UserView Of(ConsoleUser user) => new(user.Name, ConsoleRoles.ToText(user.Role), user.Disabled, user.CreatedAt, user.LastSignInAt);
}
