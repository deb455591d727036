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

/** The healed dots of a course session's earlier sessions: on the skin, and scored against, though not placed in this one. */
export async function earlierDotsOf(session) {
  const all = [];
  for (const id of session.earlierSessions || []) {
    for (let from = 1; ; from += 10000) {
      const page = await api(`/api/sessions/${id}/healed?fromSequence=${from}&limit=10000`);
      all.push(...page.dots);
      if (page.dots.length < 10000) break;
    }
  }
  return all;
}
