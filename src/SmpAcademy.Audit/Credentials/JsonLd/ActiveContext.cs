using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>A JSON-LD 1.1 active context: term definitions, the vocabulary mapping and default language.</summary>
internal sealed class ActiveContext
{
    public Dictionary<string, TermDefinition> Terms { get; private init; } = new(StringComparer.Ordinal);

    public string? Vocab { get; set; }

    public string? DefaultLanguage { get; set; }

    /// <summary>The context before a type-scoped one was applied; nested node objects go back to it (no propagation).</summary>
    public ActiveContext? Previous { get; set; }

    public ActiveContext Clone() => new()
    {
        Terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal),
        Vocab = Vocab,
        DefaultLanguage = DefaultLanguage,
        Previous = Previous,
    };

    public TermDefinition? Term(string? term) => term is not null && Terms.TryGetValue(term, out var definition) ? definition : null;
}

/// <summary>One term definition. <see cref="Iri"/> is null for a term explicitly mapped to null (never expanded).</summary>
internal sealed record TermDefinition(
    string? Iri,
    string? Type,
    IReadOnlyList<string> Container,
    JsonNode? LocalContext,
    bool HasLocalContext,
    bool Protected,
    bool Prefix,
    bool HasLanguage,
    string? Language)
{
    public bool Contains(string container) => Container.Contains(container, StringComparer.Ordinal);

    /// <summary>The same definition, leaving aside whether it is protected: the test for redefining a protected term.</summary>
    public bool SameAs(TermDefinition other) =>
        Iri == other.Iri && Type == other.Type && Container.SequenceEqual(other.Container, StringComparer.Ordinal)
        && HasLocalContext == other.HasLocalContext && JsonNode.DeepEquals(LocalContext, other.LocalContext) && Prefix == other.Prefix
        && HasLanguage == other.HasLanguage && Language == other.Language;
}
