namespace SmpAcademy.Domain.Certification;

/// <summary>A certification body's record: its certificates and how many audit reads it made.</summary>
public sealed class BodyState
{
    public Dictionary<Guid, IssuedCertificate> Certificates { get; set; } = [];

    public int AuditReads { get; set; }

    /// <summary>Status-list bits are handed out in issue order and never reused.</summary>
    public int NextStatusIndex => Certificates.Count;

    public void Apply(object @event)
    {
        switch (@event)
        {
            case AuditRecordRead:
                AuditReads++;
                break;
            case CertificateIssued e:
                Certificates[e.CredentialId] = new IssuedCertificate { Issued = e };
                break;
            case CertificateRevoked e:
                Certificates[e.CredentialId].Revoked = e;
                break;
            default:
                throw new ArgumentException($"not a certification body event: {@event.GetType().Name}", nameof(@event));
        }
    }
}

public sealed class IssuedCertificate
{
    public CertificateIssued Issued { get; set; } = null!;

    public CertificateRevoked? Revoked { get; set; }
}
