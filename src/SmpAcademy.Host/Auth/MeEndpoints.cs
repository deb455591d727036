using SmpAcademy.Grains.Instructors;

namespace SmpAcademy.Host.Auth;

/// <param name="Trainees">Instructors: the trainees assigned to them; empty for everyone else.</param>
public sealed record Me(string UserId, string Role, string? Body, IReadOnlyList<string> Trainees);

public static class MeEndpoints
{
    public static void MapMeEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/me", async (HttpContext http, IGrainFactory grains) =>
            {
                var caller = Caller.Of(http.User);
                var trainees = caller.Role == Roles.Instructor ? await grains.GetGrain<IInstructorGrain>(caller.UserId).GetTrainees() : [];
                return TypedResults.Ok(new Me(caller.UserId, caller.Role, caller.AuditedBody, trainees));
            })
            .RequireAuthorization().WithTags("Auth")
            .WithName("WhoAmI").WithSummary("The signed-in user, role and (auditors) body; instructors also get their assigned trainees");
    }
}
