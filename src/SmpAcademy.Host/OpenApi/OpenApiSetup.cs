namespace SmpAcademy.Host.OpenApi;

/// <summary>
/// The HTTP contract as a document client generators take without hand edits (served at <c>/openapi/v1.json</c>):
/// the platform's own address, a described tag per feature, the two ways of signing in, and every refusal as
/// <c>application/problem+json</c> with its <c>code</c>. Redocly's lint and a generated TypeScript client test it.
/// </summary>
public static class OpenApiSetup
{
    public static void AddSmpOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<ContractDocument>();
            o.AddOperationTransformer<OperationContract>();
        });
}
