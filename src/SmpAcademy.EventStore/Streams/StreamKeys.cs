namespace SmpAcademy.EventStore.Streams;

/// <summary>Stream ids: one stream per trainee, per practice session, per instructor and per certification body.</summary>
public static class StreamKeys
{
    public static string Trainee(string traineeId) => $"trainee-{traineeId}";

    public static string Session(Guid sessionId) => $"session-{sessionId:N}";

    public static string Body(string bodyId) => $"body-{bodyId}";
}
