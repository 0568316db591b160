using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Users;

/// <summary>Admin only: list, create and change users; read the access log.</summary>
internal static class UserEndpoints
{
    public sealed record CreateUser(string? Name, string? Role, string? Password);

    public sealed record ChangeUser(string? Role, bool? Disabled, string? Password);

    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("").RequireRoles(ConsoleRole.Admin);
        admin.MapGet("/users", async (IvrDatabase database, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            return Results.Ok((await new ConsoleUserRepository(connection).ListAsync(cancellation)).Select(UserView.Of));
        });
        admin.MapPost("/users", CreateAsync);
        admin.MapPatch("/users/{name}", ChangeAsync);
        admin.MapGet("/access-log", async (IvrDatabase database, int? limit, long? before, string? user, string? action, CancellationToken cancellation) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            var entries = await new AccessLogRepository(connection).RecentAsync(Math.Clamp(limit ?? 200, 1, 1000), before, user, action, cancellation);
            return Results.Ok(entries.Select(e => new { e.Id, e.At, e.User, e.Ip, e.Action, e.Target, e.Outcome, e.Detail }));
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateUser request, UserAccounts accounts, IvrDatabase database, AccessLog accessLog)
    {
        if (!ConsoleRoles.TryParse(request.Role, out var role)) return ApiError.BadRequest($"role must be one of {string.Join(", ", ConsoleRoles.Names)}");
        var problem = await accounts.AddAsync(request.Name ?? "", role, request.Password ?? "", http.RequestAborted);
        if (problem is not null)
        {
            await accessLog.WriteAsync(http, AccessLog.UserCreate, $"user:{(UserNames.IsValid(request.Name) ? request.Name : "(invalid)")}", "rejected");
            return problem.Contains("exists already", StringComparison.Ordinal) ? ApiError.Conflict(problem) : ApiError.BadRequest(problem);
        }

        await accessLog.WriteAsync(http, AccessLog.UserCreate, $"user:{request.Name}", "ok", $"role {ConsoleRoles.ToText(role)}");
        await using var connection = await database.OpenConnectionAsync(http.RequestAborted);
        var user = await new ConsoleUserRepository(connection).FindAsync(request.Name!, http.RequestAborted);
        return Results.Created($"/api/users/{user!.Name}", UserView.Of(user));
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, string name, ChangeUser request, IvrDatabase database, ConsoleOptions options, AccessLog accessLog)
    {
        var cancellation = http.RequestAborted;
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var users = new ConsoleUserRepository(connection);
        var user = await users.FindAsync(name, cancellation);
        if (user is null) return ApiError.NotFound();
        ConsoleRole? role = null;
        if (request.Role is not null)
        {
            if (!ConsoleRoles.TryParse(request.Role, out var parsed)) return ApiError.BadRequest($"role must be one of {string.Join(", ", ConsoleRoles.Names)}");
            role = parsed;
        }

        if (request.Password is not null && PasswordHasher.Weakness(request.Password) is { } weakness) return ApiError.BadRequest(weakness);
        var self = http.User().Id == user.Id;
        if (self && (request.Disabled == true || role is { } r && r != ConsoleRole.Admin))
            return ApiError.Conflict("an admin cannot disable or demote themself");

        var changes = new List<string>();
        if (role is { } newRole && newRole != user.Role)
        {
            await users.SetRoleAsync(user.Id, newRole, cancellation);
            changes.Add($"role {ConsoleRoles.ToText(user.Role)} -> {ConsoleRoles.ToText(newRole)}");
        }

        if (request.Disabled is { } disabled && disabled != user.Disabled)
        {
            await users.SetDisabledAsync(user.Id, disabled, cancellation);
            changes.Add(disabled ? "disabled" : "enabled");
        }

        if (request.Password is { } password)
        {
            await users.SetPasswordHashAsync(user.Id, options.Passwords.Hash(password), cancellation);
            changes.Add("password reset");
        }

        // A changed role, a disabled account or a new password ends the user's other sessions.
        if (changes.Count > 0 && !self) await new ConsoleSessionRepository(connection).DeleteForUserAsync(user.Id, cancellation);
        await accessLog.WriteAsync(http, AccessLog.UserChange, $"user:{user.Name}", "ok", changes.Count == 0 ? "no change" : string.Join("; ", changes));
        return Results.Ok(UserView.Of((await users.FindAsync(name, cancellation))!));
    }
}
