using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Domain;
using SmpAcademy.EventStore.Projections;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Trainees;

public sealed record EnrollRequest(string ProgramId);

public sealed record AssignInstructorRequest(string InstructorId);

public sealed record StartSessionRequest(string ExerciseId, Guid? CourseId = null);

public sealed record AdvanceCourseRequest(int Days);

public sealed record ApplicationRequest(string BodyId);

public static class TraineeEndpoints
{
    public static void MapTraineeEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var trainees = app.MapGroup("/api/trainees/{traineeId}").RequireAuthorization().WithTags("Trainees");

        trainees.MapPost("/enrollment", async Task<Results<NoContent, ProblemHttpResult>> (string traineeId, EnrollRequest request, HttpContext http, IGrainFactory grains) =>
                Caller.Of(http.User).MayWriteAs(traineeId)
                    ? Problem.Done(await grains.GetGrain<ITraineeGrain>(traineeId).Enroll(request.ProgramId, IdempotencyKey.Of(http)))
                    : Problem.Forbidden("only the trainee or an admin may enroll a trainee"))
            .WithName("Enroll").WithSummary("Enroll the trainee in a certification program");

        trainees.MapPost("/applications", async Task<Results<NoContent, ProblemHttpResult>> (string traineeId, ApplicationRequest request, HttpContext http, IGrainFactory grains) =>
                Caller.Of(http.User).MayWriteAs(traineeId)
                    ? Problem.Done(await grains.GetGrain<ITraineeGrain>(traineeId).ApplyForCertification(request.BodyId, IdempotencyKey.Of(http)))
                    : Problem.Forbidden("only the trainee or an admin may apply for the trainee's certificate"))
            .WithName("ApplyForCertification").WithSummary("Apply to a certification body of the program: its auditors may then read the trainee's history (every read recorded)");

        trainees.MapPost("/instructors", async Task<Results<NoContent, ProblemHttpResult>> (string traineeId, AssignInstructorRequest request, HttpContext http, IGrainFactory grains) =>
            {
                if (!Caller.Of(http.User).IsAdmin)
                    return Problem.Forbidden("only an admin may assign instructors");
                // With this host's own accounts, both people must have one, in the right roles.
                if (http.RequestServices.GetService<Accounts.AccountDirectory>() is { } directory && await directory.CheckAssignmentAsync(traineeId, request.InstructorId) is { } refusal)
                    return Problem.From(refusal);
                return Problem.Done(await grains.GetGrain<ITraineeGrain>(traineeId).AssignInstructor(request.InstructorId, IdempotencyKey.Of(http)));
            })
            .WithName("AssignInstructor").WithSummary("Assign an instructor to the trainee (admin)");

        trainees.MapDelete("/instructors/{instructorId}", async Task<Results<NoContent, ProblemHttpResult>> (string traineeId, string instructorId, HttpContext http, IGrainFactory grains) =>
                Caller.Of(http.User).IsAdmin
                    ? Problem.Done(await grains.GetGrain<ITraineeGrain>(traineeId).UnassignInstructor(instructorId, IdempotencyKey.Of(http)))
                    : Problem.Forbidden("only an admin may unassign instructors"))
            .WithName("UnassignInstructor").WithSummary("Take an instructor off the trainee (admin): no more watching, notes or grades; what they did before stays");

        trainees.MapPost("/sessions", async Task<Results<Created<SessionOpened>, ProblemHttpResult>> (string traineeId, StartSessionRequest request, HttpContext http, IGrainFactory grains) =>
            {
                if (!Caller.Of(http.User).MayWriteAs(traineeId))
                    return Problem.Forbidden("a trainee starts only their own sessions");
                var result = await grains.GetGrain<ITraineeGrain>(traineeId).StartSession(request.ExerciseId, request.CourseId, IdempotencyKey.Of(http));
                return result.Opened is { } opened
                    ? TypedResults.Created($"/api/sessions/{opened.SessionId}", opened)
                    : Problem.From(result.Refusal!);
            })
            .RequireRateLimiting(RateLimiting.Allowances.SessionsPolicy).WithName("StartSession").WithSummary("Start a session of an exercise: a new course, or the next session of courseId once it has healed");

        trainees.MapPost("/courses/{courseId:guid}/advance", async Task<Results<NoContent, ProblemHttpResult>> (string traineeId, Guid courseId, AdvanceCourseRequest request, HttpContext http, IGrainFactory grains) =>
                Caller.Of(http.User).MayWriteAs(traineeId)
                    ? Problem.Done(await grains.GetGrain<ITraineeGrain>(traineeId).AdvanceCourse(courseId, request.Days, IdempotencyKey.Of(http)))
                    : Problem.Forbidden("a trainee advances only their own courses"))
            .WithName("AdvanceCourse").WithSummary("Move a treatment course's clock on by some days, letting the skin heal");

        trainees.MapGet("/", async Task<Results<Ok<TraineeProfile>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains) =>
            {
                var profile = await grains.GetGrain<ITraineeGrain>(traineeId).GetProfile();
                return Caller.Of(http.User).MayRead(traineeId, profile.Instructors)
                    ? TypedResults.Ok(profile)
                    : Problem.Forbidden("not your trainee");
            })
            .WithName("GetTrainee").WithSummary("The trainee's record: program, instructors, courses and sessions");

        trainees.MapGet("/progress", async Task<Results<Ok<TraineeProgress>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, IQuerySession query) =>
            {
                var profile = await grains.GetGrain<ITraineeGrain>(traineeId).GetProfile();
                if (!Caller.Of(http.User).MayRead(traineeId, profile.Instructors))
                    return Problem.Forbidden("not your trainee");
                return await query.LoadAsync<TraineeProgress>(StreamKeys.Trainee(traineeId)) is { } progress
                    ? TypedResults.Ok(progress)
                    : Problem.NotFound($"trainee '{traineeId}' has no history yet");
            })
            .WithName("GetProgress").WithSummary("History and progress: every session with its scores and outcome, passed exercises, practice time");

        MapSessionList(trainees);
    }

    private static void MapSessionList(RouteGroupBuilder trainees) =>
        trainees.MapGet("/sessions", async Task<Results<Ok<IReadOnlyList<SessionSummaryView>>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, IQuerySession query) =>
            {
                var profile = await grains.GetGrain<ITraineeGrain>(traineeId).GetProfile();
                if (!Caller.Of(http.User).MayRead(traineeId, profile.Instructors))
                    return Problem.Forbidden("not your trainee");
                var rows = await query.Query<SessionSummaryView>().Where(v => v.TraineeId == traineeId).OrderBy(v => v.StartedAt).ToListAsync();
                return TypedResults.Ok<IReadOnlyList<SessionSummaryView>>(rows);
            })
            .WithName("ListSessions").WithSummary("The trainee's sessions, one row each (built asynchronously: may trail the latest dots by a moment)");
}
