using Microsoft.Extensions.FileProviders;

namespace Ivr.OperationsConsole;

/// <summary>
/// Serves the pages from the web root: <c>/</c> is <c>index.html</c>; a path without a file extension
/// that names no file (a page's own route, like <c>/calls/abc</c>) also gets <c>index.html</c>.
/// </summary>
internal static class StaticPages
{
    public static void Map(WebApplication app, string webRoot)
    {
        if (!Directory.Exists(webRoot))
        {
            app.MapFallback(() => Results.Text("The console pages are not installed (no wwwroot).", "text/plain; charset=utf-8", statusCode: 404));
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        // A path with no extension that names no file is a page's own route; a call's page may hold
        // dots in its Call-ID (/calls/a84b@pc33.example.com), so under /calls/ every path is a page.
        app.MapFallback(context => SendIndex(context, files, allowExtension: false));
        app.MapFallback("calls/{**id}", context => SendIndex(context, files, allowExtension: true));
    }

    private static async Task SendIndex(HttpContext context, IFileProvider files, bool allowExtension)
    {
        var index = files.GetFileInfo("index.html");
        if ((!allowExtension && Path.HasExtension(context.Request.Path.Value)) || !index.Exists || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.SendFileAsync(index, context.RequestAborted);
    }
}
