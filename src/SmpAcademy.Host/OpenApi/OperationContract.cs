using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace SmpAcademy.Host.OpenApi;

/// <summary>
/// Per operation, from the endpoint's own metadata: who may call it (bearer token or session cookie, or anyone),
/// and the refusals it can answer with, each an <c>application/problem+json</c> body.
/// </summary>
internal sealed class OperationContract : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var parameters = operation.Parameters ?? [];
        var hasBody = operation.RequestBody is not null;
        var inPath = parameters.Any(p => p.In == ParameterLocation.Path);

        operation.Security = signedIn
            ? [Requirement(ContractDocument.Bearer, context.Document), Requirement(ContractDocument.Cookie, context.Document)]
            : [];
        var refusals = new List<(int Status, string Why)>();
        if (hasBody || parameters.Count > 0)
            refusals.Add((StatusCodes.Status400BadRequest, "Bad input: a missing or malformed field or parameter, or a value the rules refuse"));
        if (signedIn)
        {
            refusals.Add((StatusCodes.Status401Unauthorized, "No valid token or session"));
            refusals.Add((StatusCodes.Status403Forbidden, "The caller may not do this here (role, ownership, or a cookie write from another site)"));
        }
        if (inPath)
            refusals.Add((StatusCodes.Status404NotFound, "Nothing of that id that the caller may see"));
        if (signedIn && string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            refusals.Add((StatusCodes.Status409Conflict, "Not in this state (a completed session, say)"));
        if (hasBody)
            refusals.Add((StatusCodes.Status413PayloadTooLarge, "The body is over the size limit"));
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            refusals.Add((StatusCodes.Status429TooManyRequests, "Over the caller's allowance; retry after the Retry-After header's seconds"));

        operation.Responses ??= [];
        foreach (var (status, why) in refusals)
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Problem(why, context.Document));
        // A refusal an endpoint declares itself (ProducesProblem) is our problem shape too, with its code.
        foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToArray())
        {
            if (response is OpenApiResponse { Content: not null } declared && declared.Content.Keys.Any(k => k != "application/problem+json"))
                continue;
            operation.Responses[status] = Problem(response.Description ?? "Refused", context.Document);
        }
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ContractDocument.ProblemSchema, document) },
        },
    };
}
