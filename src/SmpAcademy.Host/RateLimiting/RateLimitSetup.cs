using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on the endpoints a script would abuse: sign-in (per client address), and session starts,
/// dot placement, audit exports and certificate checks (per signed-in user, else per address). Hub calls that place
/// dots draw on the same allowance through <see cref="DotAllowance"/>; exports also queue for one of a few slots
/// host-wide (<see cref="ExportGate"/>). A refusal is 429 with Retry-After and a problem body, code "rate-limited".
/// </summary>
public static class RateLimitSetup
{
    public const string Section = "Smp:RateLimits";

    public const string Code = "rate-limited";

    public static void AddSmpRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var allowances = Allowances.Read(builder.Configuration);
        builder.Services.AddSingleton(allowances);
        builder.Services.AddSingleton<DotAllowance>();
        builder.Services.AddSingleton<ExportGate>();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(allowances.SignIn.Name, http => allowances.SignIn.For(Address(http)));
            foreach (var allowance in allowances.All.Where(a => a != allowances.SignIn))
                options.AddPolicy(allowance.Name, http => allowance.For(CallerKey(http)));
            options.OnRejected = (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var what = allowances.All.FirstOrDefault(a => a.Name == policy)?.What ?? "requests";
                return new ValueTask(Refuse(context.HttpContext, Refused(what, context.Lease)));
            };
        });
    }

    public static void UseSmpRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
    }

    /// <summary>An audit export: the caller's export allowance, then a turn at one of the host's few export slots (<see cref="ExportGate"/>, one instance for the host).</summary>
    public static RouteHandlerBuilder LimitedAsExport(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireRateLimiting(Allowances.ExportsPolicy)
            .AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<ExportGate>().InvokeAsync(context, next));

    /// <summary>The user signed in, else the client's address: one person's allowance, however many connections.</summary>
    public static string CallerKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity?.IsAuthenticated == true && Auth.Caller.Of(http.User).UserId is { Length: > 0 } user ? "user:" + user : Address(http);
    }

    private static string Address(HttpContext http) => "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The refusal, and how long to wait (whole seconds, at least one) as the lease tells it.</summary>
    public static (Refusal Refusal, int RetryAfterSeconds) Refused(string what, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, 3_600);
        return (new Refusal(RefusalKind.TooMany, Code, string.Create(CultureInfo.InvariantCulture, $"too many {what} for now; nothing was done: try again in {seconds} s")), seconds);
    }

    public static Task Refuse(HttpContext http, (Refusal Refusal, int RetryAfterSeconds) refused)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem.From(refused.Refusal).ExecuteAsync(http);
    }
}
