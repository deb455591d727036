using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Problems;

/// <summary>RFC 7807 problem details for every refusal: status by kind, the machine code, the reason in words.</summary>
public static class Problem
{
    public static ProblemHttpResult From(Refusal refusal, int? index = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        if (index is not null)
            extensions["index"] = index;
        return TypedResults.Problem(
            statusCode: refusal.Kind switch
            {
                RefusalKind.BadInput => StatusCodes.Status400BadRequest,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
                RefusalKind.TooMany => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status409Conflict,
            },
            title: refusal.Code,
            detail: refusal.Message,
            type: $"https://smpacademy.dev/problems/{refusal.Code}",
            extensions: extensions);
    }

    /// <summary>A command's answer: 204 when it was done, else its refusal.</summary>
    public static Results<NoContent, ProblemHttpResult> Done(Refusal? refusal) =>
        refusal is null ? TypedResults.NoContent() : From(refusal);

    public static ProblemHttpResult Forbidden(string detail) => From(new Refusal(RefusalKind.Forbidden, "forbidden", detail));

    public static ProblemHttpResult NotFound(string detail) => From(Refusal.NotFound(detail));

    public static ProblemHttpResult BadInput(string code, string detail) => From(new Refusal(RefusalKind.BadInput, code, detail));
}
