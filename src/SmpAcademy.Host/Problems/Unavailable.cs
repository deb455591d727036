using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace SmpAcademy.Host.Problems;

/// <summary>
/// A call that failed because part of the system is briefly out of reach: a silo lost and not yet declared
/// dead (its grains come back on the others within seconds), or the database not answering. Clients get
/// 503 "unavailable" with Retry-After over HTTP, and a HubException "unavailable: …" over SignalR, rather than
/// an anonymous 500. Whether the failed request took effect is unknown (a write may have landed just before
/// the silo went): retry with the same Idempotency-Key (a hub call's request id), which never records twice.
/// </summary>
public static class Unavailable
{
    public const string Code = "unavailable";

    public const string Reason = "part of the system is out of reach for a moment; the request may or may not have been recorded: "
        + "retry with the same Idempotency-Key, which never records a request twice";

    public static readonly Domain.Refusal Refusal = Domain.Refusal.Unavailable(Reason);

    public static bool IsTransient(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or TimeoutException or GatewayTooBusyException => true, // SiloUnavailableException is a rejection
        NpgsqlException { IsTransient: true } or EventStore.Streams.StoreUnavailableException or Grains.Contracts.EventStoreUnavailableException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}

public static class RetryAfter
{
    /// <summary>Every 503, whether from an exception or from a grain's "unavailable" refusal, says when to try again.</summary>
    public static void UseRetryAfterOnUnavailable(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
                    context.Response.Headers.RetryAfter = "1";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}

/// <summary>HTTP: 503 problem with Retry-After: 1.</summary>
public sealed class UnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Unavailable.IsTransient(exception))
            return false;
        httpContext.Response.Headers.RetryAfter = "1";
        await Problem.From(Unavailable.Refusal).ExecuteAsync(httpContext);
        return true;
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
            throw Live.LiveErrors.Refused(Unavailable.Refusal);
        }
    }
}
