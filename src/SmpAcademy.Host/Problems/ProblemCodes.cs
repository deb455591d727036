using Microsoft.AspNetCore.Mvc;

namespace SmpAcademy.Host.Problems;

/// <summary>
/// Every problem carries a <c>code</c>, those the framework writes itself included (a 401 with no token, a 404 route,
/// a body over Kestrel's size limit): clients branch on the code, never on the words.
/// </summary>
public static class ProblemCodes
{
    public static void Fill(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
            return;
        var code = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "unauthenticated",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "too-large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            StatusCodes.Status429TooManyRequests => RateLimiting.RateLimitSetup.Code,
            >= 500 => "internal-error",
            _ => "bad-request",
        };
        problem.Extensions["code"] = code;
        if (code == "too-large")
            problem.Detail ??= string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a request body holds at most {Domain.Limits.HubMessageBytes:N0} bytes (a full batch of dots)");
    }
}
