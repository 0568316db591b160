using Ivr.OperationsConsole.Api;

namespace Ivr.OperationsConsole.Security;

/// <summary>Lets a request through when the signed-in user has one of the roles (admin always); else 403, logged.</summary>
internal sealed class RoleFilter(AccessLog accessLog, IReadOnlyCollection<ConsoleRole> roles) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User();
        if (user.Role == ConsoleRole.Admin || roles.Contains(user.Role)) return await next(context);
        await accessLog.RefusedAsync(http, "forbidden");
        return ApiError.Forbidden();
    }
}
