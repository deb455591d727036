// The curriculum as the consoles read it: programs, exercises, and the skin a session was practised on.
import { api } from "./session.js";

export async function loadPrograms() {
  const programs = await api("/api/programs");
  const exercises = programs.flatMap((p) => p.modules.flatMap((m) => m.exercises.map((e) => ({ ...e, module: m.name, programId: p.id }))));
  return { programs, exercises, exerciseById: (id) => exercises.find((e) => e.id === id) };
}

/** The skin of a session, with the targets of its course session, rubric version and exercise. */
export const skinOf = (session) =>
  api(`/api/skins/${session.skinId}?session=${session.courseSessionNumber}&rubric=${session.rubricVersion}&exercise=${session.exerciseId}`);
