using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SmpAcademy.Host.Problems;

/// <summary>A request that cannot be read (bad JSON, a missing field) gets a 400 problem saying what is wrong.</summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
            return false;
        // The JSON reader's own cause (an invalid surrogate, say) says more than "could not be converted".
        var reason = exception.InnerException is JsonException json
            ? json.InnerException is { } cause ? $"{json.Message} ({cause.Message})" : json.Message
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "unreadable-request",
                Type = "https://smpacademy.dev/problems/unreadable-request",
                Detail = reason,
                Extensions = { ["code"] = "unreadable-request" },
            },
        });
    }
}
