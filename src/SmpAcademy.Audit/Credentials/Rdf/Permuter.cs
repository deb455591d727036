namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// All orderings of a list, in rdf-canonize's order (Steinhaus–Johnson–Trotter from the sorted list). RDFC-1.0 does not
/// fix the order; matching the reference keeps tie-breaking, and so issued identifier maps, the same as rdf-canonize.
/// </summary>
internal static class Permuter
{
    public static IEnumerable<string[]> Permutations(List<string> list)
    {
        // JavaScript's default sort and '>' compare UTF-16 code units, i.e. ordinal order.
        var current = list.Order(StringComparer.Ordinal).ToArray();
        // Direction per value (true = left); equal values share one, as in the reference's Map.
        var left = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var element in current)
            left[element] = true;
        while (true)
        {
            yield return (string[])current.Clone();
            string? k = null;
            var pos = 0;
            for (var i = 0; i < current.Length; i++)
            {
                var element = current[i];
                var mobile = left[element]
                    ? i > 0 && Greater(element, current[i - 1])
                    : i < current.Length - 1 && Greater(element, current[i + 1]);
                if ((k is null || Greater(element, k)) && mobile)
                {
                    k = element;
                    pos = i;
                }
            }
            if (k is null)
                yield break;
            var swap = left[k] ? pos - 1 : pos + 1;
            current[pos] = current[swap];
            current[swap] = k;
            foreach (var element in current)
                if (Greater(element, k))
                    left[element] = !left[element];
        }
    }

    private static bool Greater(string a, string b) => string.CompareOrdinal(a, b) > 0;
}
