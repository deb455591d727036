using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Audit;

/// <summary>
/// Auditors read only candidates who applied to their body, and every read is recorded (durably, in
/// the body's stream) before anything is handed over.
/// </summary>
public static class AuditAccess
{
    public static async Task<ProblemHttpResult?> AdmitAsync(HttpContext http, IGrainFactory grains, string traineeId, string what)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        var caller = Caller.Of(http.User);
        if (caller.AuditedBody is not { } body)
            return Problem.Forbidden("audit data is for auditors of a certification body");
        var profile = await grains.GetGrain<ITraineeGrain>(traineeId).GetProfile();
        if (!caller.MayAudit(profile.AppliedTo))
            return Problem.Forbidden($"'{traineeId}' has not applied to {body}; auditors see only their body's candidates");
        await grains.GetGrain<ICertificationBodyGrain>(body).RecordRead(caller.UserId, traineeId, what);
        return null;
    }
}
