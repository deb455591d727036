using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace SmpAcademy.Host.Problems;

/// <summary>
/// A call that failed because part of the system is briefly out of reach: a silo lost and not yet declared
/// dead (its grains come back on the others within seconds), or the database not answering. Clients get
/// 503 "unavailable" with Retry-After over HTTP, and a HubException "unavailable: …" over SignalR, rather than
/// an anonymous 500. Whether the failed request took effect is unknown (a write may have landed just before
/// the silo went): before placing the same dots again, read the session's last sequence.
/// </summary>
public static class Unavailable
{
    public const string Code = "unavailable";

    public const string Reason = "part of the cluster is out of reach for a moment; the request may or may not have been recorded. "
        + "Read the session's last sequence, then retry.";

    public static bool IsTransient(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or TimeoutException or GatewayTooBusyException => true, // SiloUnavailableException is a rejection
        NpgsqlException { IsTransient: true } => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}

/// <summary>HTTP: 503 problem with Retry-After: 1.</summary>
public sealed class UnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Unavailable.IsTransient(exception))
            return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Unavailable.Code,
                Type = $"https://smpacademy.dev/problems/{Unavailable.Code}",
                Detail = Unavailable.Reason,
                Extensions = { ["code"] = Unavailable.Code },
            },
        });
    }
}

/// <summary>SignalR: the same, as "unavailable: …" (hub errors read "code: reason").</summary>
public sealed class UnavailableHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (Unavailable.IsTransient(e))
        {
            throw new HubException($"{Unavailable.Code}: {Unavailable.Reason}");
        }
    }
}
