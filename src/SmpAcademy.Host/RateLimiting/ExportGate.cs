using System.Threading.RateLimiting;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.RateLimiting;

/// <summary>
/// A few audit exports at a time on one host, whoever asks: each holds a whole history in memory while it writes, and
/// three at once once took a host past its 2 GiB limit. A few more wait their turn; beyond that, 429 with Retry-After.
/// The slot is held until the response has been written (a bundle streams after its handler returns).
/// </summary>
public sealed class ExportGate(Allowances allowances) : IEndpointFilter, IDisposable
{
    private const int RetryAfterSeconds = 5;

    private readonly ConcurrencyLimiter _slots = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = allowances.ConcurrentExports,
        QueueLimit = allowances.ConcurrentExports * 2,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var lease = await _slots.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Problem.From(new Refusal(RefusalKind.TooMany, RateLimitSetup.Code,
                $"{allowances.ConcurrentExports} audit exports are running and more are waiting; nothing was done: try again in {RetryAfterSeconds} s"));
        }

        http.Response.RegisterForDispose(lease);
        return await next(context);
    }

    public void Dispose() => _slots.Dispose();
}
