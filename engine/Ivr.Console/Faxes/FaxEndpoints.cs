using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Faxes;

/// <summary>
/// <c>/api/faxes</c>: the fax jobs and "retry now". Both answer 503 <c>fax_service_not_installed</c> until
/// the server hands the console an <see cref="IFaxJobControl"/> (the fax-jobs work).
/// </summary>
internal static class FaxEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var faxes = api.MapGroup("/faxes").RequireRoles(ConsoleRole.Supervisor);
        faxes.MapGet("", async (ConsoleServices services, CancellationToken cancellation) =>
            services.Faxes is { } control ? Results.Ok(await control.ListAsync(200, cancellation)) : ApiError.Unavailable("fax_service_not_installed"));
        faxes.MapPost("/{id:long}/retry", async (HttpContext http, long id, ConsoleServices services, AccessLog accessLog) =>
        {
            if (services.Faxes is not { } control) return ApiError.Unavailable("fax_service_not_installed");
            var status = await control.RetryNowAsync(id, http.RequestAborted);
            if (status is null) return ApiError.NotFound();
            await accessLog.WriteAsync(http, AccessLog.FaxRetry, $"fax:{id}", "ok", status);
            return Results.Accepted(value: new { id, status });
        });
    }
}
