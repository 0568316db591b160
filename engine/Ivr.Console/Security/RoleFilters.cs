using Microsoft.Extensions.DependencyInjection;

namespace Ivr.OperationsConsole.Security;

/// <summary><c>group.RequireRoles(ConsoleRole.Supervisor, …)</c>: admin is always allowed.</summary>
internal static class RoleFilters
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params ConsoleRole[] roles) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new RoleFilter(factory.ApplicationServices.GetRequiredService<AccessLog>(), roles);
            return invocation => filter.InvokeAsync(invocation, next);
        });
}
