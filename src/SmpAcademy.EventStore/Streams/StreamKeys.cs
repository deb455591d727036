namespace SmpAcademy.EventStore.Streams;

/// <summary>Stream ids: one stream per trainee and one per practice session.</summary>
public static class StreamKeys
{
    public static string Trainee(string traineeId) => $"trainee-{traineeId}";

    public static string Session(Guid sessionId) => $"session-{sessionId:N}";
}
