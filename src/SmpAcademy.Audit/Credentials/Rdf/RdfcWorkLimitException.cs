namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// RDFC-1.0 gave up because the dataset needs more Hash N-Degree Quads runs than the work factor allows: the blank nodes
/// are too symmetric to tell apart cheaply, as in a "poison" graph built to exhaust a verifier.
/// </summary>
public sealed class RdfcWorkLimitException : InvalidOperationException
{
    public RdfcWorkLimitException()
        : base("RDFC-1.0 work limit exceeded.")
    {
    }

    public RdfcWorkLimitException(string message)
        : base(message)
    {
    }

    public RdfcWorkLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
