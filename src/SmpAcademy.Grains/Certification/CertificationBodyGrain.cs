using Marten;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Certification;

/// <summary>One certification body's record, one stream: its audit reads and the certificates it issued or revoked.</summary>
[LogConsistencyProvider(ProviderName = GrainsSetup.LogConsistencyProvider)]
public sealed class CertificationBodyGrain(IDocumentStore store, GroupCommit commit, TimeProvider clock)
    : JournaledGrain<BodyState, object>, ICertificationBodyGrain, ICustomStorageInterface<BodyState, object>
{
    private readonly MartenJournal _journal = new(store, commit);

    private string Id => this.GetPrimaryKeyString();

    public async Task RecordRead(string auditorId, string traineeId, string what)
    {
        var read = new AuditRecordRead(Id, auditorId, traineeId, what, clock.GetUtcNow());
        // A lost race only means another read was recorded first: reload and record this one too.
        while (!await RaiseConditionalEvent(read))
            await RefreshNow();
    }

    public async Task<IssueResult> Issue(CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = BodyDecisions.Issue(TentativeState, Id, request.Decision, request.DecisionDigest, request.AuditorId,
            Guid.NewGuid(), request.IssuerDid, request.StatusListUrl, clock.GetUtcNow());
        if (decision is RuleViolation violation)
            return new IssueResult(null, Refusal.Of(violation));
        return await RaiseConditionalEvent(decision) ? new IssueResult((CertificateIssued)decision, null) : new IssueResult(null, Refusal.ChangedElsewhere);
    }

    public async Task<Refusal?> Revoke(Guid credentialId, string reason, string auditorId)
    {
        var decision = BodyDecisions.Revoke(TentativeState, Id, credentialId, reason, auditorId, clock.GetUtcNow());
        if (decision is RuleViolation violation)
            return Refusal.Of(violation);
        return await RaiseConditionalEvent(decision) ? null : Refusal.ChangedElsewhere;
    }

    public Task<IReadOnlyList<IssuedCertificate>> GetCertificates() =>
        Task.FromResult<IReadOnlyList<IssuedCertificate>>([.. State.Certificates.Values.OrderBy(c => c.Issued.StatusIndex)]);

    protected override void TransitionState(BodyState state, object @event) => state.Apply(@event);

    public async Task<KeyValuePair<int, BodyState>> ReadStateFromStorage()
    {
        var events = await _journal.ReadAsync(StreamKeys.Body(Id));
        var state = new BodyState();
        foreach (var e in events)
            state.Apply(e);
        return new(events.Count, state);
    }

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<object> updates, int expectedVersion) =>
        _journal.AppendAsync(StreamKeys.Body(Id), expectedVersion, updates);
}
