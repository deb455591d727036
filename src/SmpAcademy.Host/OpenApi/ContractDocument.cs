using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.OpenApi;

/// <summary>What the whole document says once: who serves it, its features, how callers sign in, what a refusal looks like.</summary>
internal sealed class ContractDocument(PublicUrl publicUrl) : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "session-cookie";
    public const string ProblemSchema = "Problem";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Auth"] = "Who is calling: sign-in options, the caller's identity and roles, the demo token issuer",
        ["Catalog"] = "The curriculum: certification bodies, programs, exercises and practice skins",
        ["Trainees"] = "A trainee's enrolment, instructors, sessions, courses and progress",
        ["Sessions"] = "One practice session: placing and scoring dots, pausing, completing, its record",
        ["Grading"] = "An instructor's coaching, annotations, grades and moderation of a session",
        ["Audit"] = "Certification bodies' audits: verification, re-scoring, decisions, exports, signed checkpoints",
        ["Certificates"] = "Open Badges 3.0 certificates: issue, read, revoke, the status list, verification",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "SmpAcademy API",
            Version = "1",
            Description = "Practice, live grading and audited certification for scalp micropigmentation. Every refusal is an RFC 7807 problem with a machine `code`.",
        };
        // The platform's own address, never the Host header of whoever fetched the document.
        document.Servers = [new OpenApiServer { Url = publicUrl.Base.AbsoluteUri.TrimEnd('/') }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the identity provider (or, in demo mode, from MintDevToken)",
            },
            [Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Auth.BrowserSignIn.CookieName,
                Description = "The consoles' session after browser sign-in (/auth/signin); writes must come from the platform's own origin",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        document.Components.Schemas.Remove("ProblemDetails"); // the framework's shape, without code: every use is ours now (OperationContract)
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details; clients branch on code, never on the words",
        Required = new HashSet<string> { "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was refused, e.g. outside-skin, forbidden, rate-limited" },
            ["index"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "In a batch, the first refused item" },
        },
    };
}
