namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// JSON-LD 1.1 IRI Expansion (§5.2.2). There is no base IRI (credentials are not retrieved from a location), so a
/// relative IRI stays relative and the caller refuses it.
/// </summary>
internal static class IriExpansion
{
    /// <param name="definer">While a context is processed, the terms of that context still to define.</param>
    public static string? Expand(ActiveContext active, string value, bool vocab, TermDefiner? definer)
    {
        if (Keywords.IsKeyword(value))
            return value;
        if (Keywords.LooksLikeKeyword(value))
            return null;
        definer?.DefineIfPending(value);
        if (vocab && active.Terms.TryGetValue(value, out var term))
            return term.Iri;

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
                return value;
            definer?.DefineIfPending(prefix);
            if (active.Terms.TryGetValue(prefix, out var prefixTerm) && prefixTerm.Iri is not null && prefixTerm.Prefix)
                return prefixTerm.Iri + suffix;
            if (Keywords.IsAbsoluteIri(value))
                return value;
        }

        if (vocab && active.Vocab is not null)
            return active.Vocab + value;
        return value;
    }
}
