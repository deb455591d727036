using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// The curriculum files a history is re-scored and decided with: the exact file by the content digest its events
/// recorded, or, for events from before digests were recorded (a null digest), today's file of that name.
/// Null when the file is not to be had.
/// </summary>
public interface ICurriculumFiles
{
    PracticeSkin? Skin(string id, string? digest);

    Rubric? Rubric(int version, string? digest);

    CertificationProgram? Program(string id, string? digest);
}

public static class CurriculumFilesExtensions
{
    /// <summary>The program as the trainee enrolled in it, else (no enrolment) today's program of that id.</summary>
    public static CertificationProgram? EnrolledProgram(this ICurriculumFiles files, IReadOnlyList<RecordedEvent> history, string traineeId, string programId)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(history);
        var enrolment = history.Select(e => e.Data).OfType<TraineeEnrolled>().FirstOrDefault(e => e.TraineeId == traineeId && e.ProgramId == programId);
        return files.Program(programId, enrolment?.ProgramDigest);
    }

    /// <summary>How a file is named in messages: its name, and its digest if one was recorded.</summary>
    public static string Describe(string name, string? digest) => digest is null ? name : $"{name} ({digest})";
}
