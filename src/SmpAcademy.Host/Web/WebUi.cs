using Microsoft.Extensions.FileProviders;

namespace SmpAcademy.Host.Web;

/// <summary>
/// The browser consoles: static pages and ES modules from wwwroot, served by the host itself. They
/// call the same API and hubs as every other client, with the same checks; the pages hold no secrets.
/// </summary>
public static class WebUi
{
    // Scripts only from this host (no inline script, no eval); sockets back to it for SignalR.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static void UseSmpWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            // On every answer, pages and API alike: an API answer is never a page to frame, sniff or run scripts in.
            var api = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
            context.Response.Headers.ContentSecurityPolicy = api ? ApiContentSecurityPolicy : ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next(context);
        });
        var pages = Pages(app.Environment);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = pages });
    }

    /// <summary>
    /// wwwroot beside the content root (dotnet run, tests, a published app), else the copy the build puts
    /// beside the host's dll: the run command starts the dll from the repository root.
    /// </summary>
    private static IFileProvider Pages(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
            return environment.WebRootFileProvider;
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? new PhysicalFileProvider(beside) : environment.WebRootFileProvider;
    }
}
