using Marten;
using Microsoft.Extensions.Logging;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Certification;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Journaling;

namespace SmpAcademy.Grains.Certification;

/// <summary>One certification body's record, one stream: its audit reads and the certificates it issued or revoked.</summary>
public sealed class CertificationBodyGrain(IDocumentStore store, GroupCommit commit, TimeProvider clock, ILogger<CertificationBodyGrain> log)
    : JournaledStreamGrain<BodyState>(new MartenJournal(store, commit), log), ICertificationBodyGrain
{
    private string Id => this.GetPrimaryKeyString();

    protected override string Stream => StreamKeys.Body(Id);

    protected override void Apply(BodyState state, object @event) => state.Apply(@event);

    public async Task RecordRead(string auditorId, string traineeId, string what)
    {
        // A lost race only means another read was recorded first: the grain reloads, and this one is recorded after it.
        Recorded recorded;
        do
            recorded = await RecordAsync(null, "", _ => Decision.Record(new AuditRecordRead(Id, auditorId, traineeId, what, clock.GetUtcNow())));
        while (recorded.Refusal == WriteRefusals.ChangedElsewhere);
        if (recorded.Refusal is { } refusal)
            throw new EventStoreUnavailableException($"the audit read could not be recorded, so it is not served: {refusal.Message}");
    }

    public async Task<IssueResult> Issue(CertificateRequest request, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recorded = await RecordAsync(requestId, $"issue:{request.DecisionDigest}:{request.AuditorId}", s => Decision.Of(BodyDecisions.Issue(s, Id, request.Decision,
            request.DecisionDigest, request.AuditorId, Guid.NewGuid(), request.IssuerDid, request.StatusListUrl, request.CreatorId, request.Cryptosuite, request.IssuerName, clock.GetUtcNow(), request.ProgramDigest)));
        return recorded.Refusal is { } refusal ? new IssueResult(null, refusal) : new IssueResult(recorded.Events.OfType<CertificateIssued>().Single(), null);
    }

    public async Task<Refusal?> Revoke(Guid credentialId, string reason, string auditorId, string? requestId = null) =>
        (await RecordAsync(requestId, $"revoke:{credentialId}:{reason}:{auditorId}",
            s => Decision.Of(BodyDecisions.Revoke(s, Id, credentialId, reason, auditorId, clock.GetUtcNow())))).Refusal;

    public async Task<IReadOnlyList<IssuedCertificate>> GetCertificates()
    {
        await EnsureCurrentAsync();
        return [.. State.Certificates.Values.OrderBy(c => c.Issued.StatusIndex)];
    }
}
