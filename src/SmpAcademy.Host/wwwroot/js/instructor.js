// The instructor's console: live sessions of assigned trainees, watching one dot by dot, notes on the
// skin, grading and moderation. Everything goes through the instructor hub, which checks assignment.
import { api, element, fixed, hub, hubReason, invokeOnce, requireRole, say, when } from "./session.js";
import { SkinCanvas } from "./skin.js";
import { flagWords, verdictWords } from "./plots.js";
import { sessionPlots } from "./summary.js";
import { earlierDotsOf, loadPrograms, skinOf } from "./catalog.js";
import { PracticeTimer } from "./timer.js";

const $ = (id) => document.getElementById(id);
const status = $("status");
const me = await requireRole("instructor");
const { exerciseById } = await loadPrograms();
const connection = hub("instructor");
const timer = new PracticeTimer($("live-timer"));
let watching = null; // { id, traineeId, skin, canvas, dots, last, notes, status, pendingPoint }

async function refreshLive() {
  try {
    const live = await connection.invoke("ListLiveSessions");
    const rows = live.map((s) => element("tr", {},
      element("td", { text: s.traineeId }),
      element("td", { text: exerciseById(s.exerciseId)?.name || s.exerciseId }),
      element("td", { text: `${when(s.startedAt)}${s.paused ? " (paused)" : ""}` }),
      element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Watch ${s.traineeId}'s session`, onclick: () => watch(s.sessionId) }, "Watch"))));
    $("live").replaceChildren(...(rows.length ? rows : [element("tr", {}, element("td", { colspan: 4, text: "No live sessions right now." }))]));
  } catch (error) {
    say(status, `Could not list live sessions: ${hubReason(error)}`, "error");
  }
}

/** What a completed session still needs from this instructor, first things first. */
function reviewState(session) {
  const { grade, moderation } = session;
  if (!grade) return { rank: 0, text: "to grade" };
  const graded = `${verdictWords(grade.verdict)} by ${grade.instructorId}`;
  if (moderation) return { rank: 3, text: `done: ${graded}, moderated by ${moderation.moderatorId} (${moderation.agrees ? "agrees" : `overrides: ${verdictWords(moderation.verdict)}`})` };
  if (grade.instructorId !== me.userId) return { rank: 1, text: `to moderate: ${graded}` };
  return { rank: 2, text: `awaiting a second instructor: ${graded}` };
}

let reviewing = false;

async function refreshReview() {
  if (reviewing) return;
  reviewing = true;
  try {
    const { trainees } = await api("/api/me");
    $("trainee-list").textContent = trainees.length ? `Your trainees: ${trainees.join(", ")}` : "No trainees have added you as their instructor yet.";
    const entries = [];
    for (const trainee of trainees) {
      const profile = await api(`/api/trainees/${encodeURIComponent(trainee)}`);
      for (const s of profile.sessions.filter((x) => x.closed?.summary)) {
        const state = reviewState(await api(`/api/sessions/${s.opened.sessionId}?limit=0`));
        entries.push({ trainee, s, state });
      }
    }
    entries.sort((a, b) => a.state.rank - b.state.rank || String(b.s.closed.at).localeCompare(String(a.s.closed.at)));
    const rows = entries.map(({ trainee, s, state }) => element("tr", { "data-review": state.text.split(":")[0] },
      element("td", { text: trainee }),
      element("td", { text: exerciseById(s.opened.exerciseId)?.name || s.opened.exerciseId }),
      element("td", { text: s.closed.passed ? "passed its criteria" : "criteria not met" }),
      element("td", { text: state.text }),
      element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Review ${trainee}'s ${s.opened.exerciseId}`, onclick: () => watch(s.opened.sessionId) }, "Review"))));
    const count = (rank) => entries.filter((e) => e.state.rank === rank).length;
    $("review-heading").textContent = `To grade and moderate (${count(0)} to grade, ${count(1)} to moderate)`;
    $("review").replaceChildren(...(rows.length ? rows : [element("tr", {}, element("td", { colspan: 5, text: "Nothing completed yet." }))]));
  } catch (error) {
    say(status, `Could not list sessions to grade: ${error.message}`, "error");
  } finally {
    reviewing = false;
  }
}

async function watch(sessionId) {
  if (watching) await connection.invoke("Unwatch", watching.id).catch(() => {});
  say(status, "");
  let start;
  try {
    start = await connection.invoke("Watch", sessionId, 1);
  } catch (error) {
    say(status, `Cannot watch: ${hubReason(error)}`, "error");
    return;
  }
  const session = await api(`/api/sessions/${sessionId}?limit=1`);
  const skin = await skinOf(session);
  const canvas = new SkinCanvas($("skin"), skin, {
    onPoint: pointed,
    label: `${start.traineeId}'s skin, ${skin.name}. Tick "Click on the skin to annotate", then click or use the arrow keys and Enter to pin a note.`,
  });
  canvas.setMode($("view").value);
  canvas.setEarlier(await earlierDotsOf(session));
  watching = { id: sessionId, traineeId: start.traineeId, skin, canvas, dots: [], last: 0, notes: [...session.annotations], status: start.status, session };
  accept(start.dots);
  while (watching.last < start.lastSequence) {
    const more = await connection.invoke("Backlog", sessionId, watching.last + 1, 10000);
    if (!more.length) break;
    accept(more);
  }
  canvas.setAnnotations(watching.notes);
  $("watch").classList.remove("hidden");
  $("watch-heading").textContent = `Watching ${start.traineeId}`;
  $("watch-about").textContent = `${exerciseById(session.exerciseId)?.name || session.exerciseId} on ${skin.name} · course session ${session.courseSessionNumber} · rubric v${session.rubricVersion}`;
  showStats(start.stats);
  showStatus(start.status);
  timer.set(start.stats.activeSeconds, start.status, exerciseById(session.exerciseId)?.minMinutes);
  renderNotes();
  $("watch").scrollIntoView({ behavior: "smooth", block: "start" });
}

/** Dots arrive in sequence order, maybe twice around a (re)join: keep each once, fetch any gap. */
function accept(dots) {
  const fresh = dots.filter((d) => d.sequence > watching.last);
  if (!fresh.length) return;
  if (fresh[0].sequence > watching.last + 1) {
    connection.invoke("Backlog", watching.id, watching.last + 1, fresh[0].sequence - watching.last - 1).then(accept).then(() => accept(fresh));
    return;
  }
  watching.dots.push(...fresh);
  watching.last = fresh.at(-1).sequence;
  watching.canvas.addDots(fresh);
  $("live-dots").textContent = String(watching.dots.length);
  const latest = watching.dots.slice(-6).reverse().map((d) =>
    element("li", {}, `#${d.sequence} ${d.zone}: depth ${fixed(d.depthScore, 0)}, spacing ${fixed(d.spacingScore, 0)}, shade ${fixed(d.shadeScore, 0)} — ${flagWords(d.flags)}`));
  $("latest").replaceChildren(...latest);
}

function showStats(stats) {
  const rows = [
    ["Dots", String(stats.dots)],
    ["Mean depth score", fixed(stats.meanDepthScore)],
    ["Mean spacing score", fixed(stats.meanSpacingScore)],
    ["Mean shade score", fixed(stats.meanShadeScore)],
    ...Object.entries(stats.flagRates).map(([flag, rate]) => [`Flag rate: ${flag}`, `${fixed(rate * 100)}%`]),
    ...Object.entries(stats.zoneDensityPerCm2).map(([zone, density]) => [`Density in ${zone}`, `${fixed(density)} /cm²`]),
  ];
  $("stats").replaceChildren(...rows.map(([name, value]) => element("tr", {}, element("th", { scope: "row", text: name }), element("td", { text: value }))));
}

async function showStatus(value) {
  watching.status = value;
  $("live-status").textContent = value;
  $("coach").disabled = value !== "active";
  const done = value === "completed";
  $("grading").classList.toggle("hidden", !done);
  if (!done) {
    $("watch-plots").replaceChildren();
    return;
  }
  const session = await api(`/api/sessions/${watching.id}?limit=1`);
  const exercise = exerciseById(session.exerciseId);
  const grade = session.grade;
  $("grade-form").classList.toggle("hidden", !!grade);
  $("moderate-form").classList.toggle("hidden", !grade || grade.instructorId === me.userId || !!session.moderation);
  $("grade-state").textContent = !grade
    ? `Not graded yet. ${exercise?.requiresSignOff ? "This exercise needs a sign-off." : ""}`
    : `Graded by ${grade.instructorId}: ${verdictWords(grade.verdict)}${grade.comment ? ` (${grade.comment})` : ""}.` +
      (session.moderation ? ` Moderated by ${session.moderation.moderatorId}: ${session.moderation.agrees ? "agrees" : "overrides"} (${session.moderation.reason}).` : grade.instructorId === me.userId ? " Awaiting a second instructor's moderation." : "");
  $("grade-items").replaceChildren(...(exercise?.manualItems || []).map((item) =>
    element("div", {}, element("label", { for: `item-${item}`, text: `${item} (0–100)` }), element("input", { id: `item-${item}`, "data-item": item, type: "number", min: 0, max: 100, step: "any", required: true, placeholder: "0–100" }))));
  sessionPlots($("watch-plots"), watching.dots, watching.skin);
}

function renderNotes() {
  const items = watching.notes.map((n) => element("li", {}, `${n.instructorId}: ${n.text}`));
  $("notes").replaceChildren(...(items.length ? items : [element("li", { text: "none yet" })]));
}

function pointed({ x, y }) {
  if (!$("annotate-mode").checked) {
    say(status, "Tick “Click on the skin to annotate” to pin a note where you click.");
    return;
  }
  watching.pendingPoint = { x, y };
  $("annotation-at").textContent = `${x.toFixed(1)}, ${y.toFixed(1)} mm`;
  $("annotate-form").classList.remove("hidden");
  $("annotation-text").focus();
}

connection.on("updated", (update) => {
  if (!watching || update.sessionId !== watching.id) return;
  accept(update.dots);
  showStats(update.stats);
  timer.set(update.stats.activeSeconds, update.status, exerciseById(watching.session.exerciseId)?.minMinutes);
  if (update.annotations.length) {
    watching.notes.push(...update.annotations);
    watching.canvas.setAnnotations(watching.notes);
    renderNotes();
  }
  if (update.status !== watching.status) {
    showStatus(update.status);
    if (update.status === "completed") refreshReview(); // a new attempt to grade
  }
});

connection.onreconnected(async () => {
  if (!watching) return;
  const start = await connection.invoke("Watch", watching.id, watching.last + 1);
  accept(start.dots);
});

async function act(name, argument, done) {
  try {
    await invokeOnce(connection, name, watching.id, argument);
    say(status, done, "ok");
    return true;
  } catch (error) {
    say(status, hubReason(error), "error");
    return false;
  }
}

$("annotate-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const { x, y } = watching.pendingPoint;
  if (await act("Annotate", { text: $("annotation-text").value.trim(), x, y }, "Note added.")) {
    $("annotation-text").value = "";
    $("annotate-form").classList.add("hidden");
  }
});
$("annotate-cancel").addEventListener("click", () => $("annotate-form").classList.add("hidden"));
$("coach").addEventListener("click", async () => {
  try {
    await invokeOnce(connection, "PauseForCoaching", watching.id);
    say(status, "Session paused for coaching.", "ok");
  } catch (error) {
    say(status, hubReason(error), "error");
  }
});
$("grade-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const items = Object.fromEntries([...document.querySelectorAll("[data-item]")].map((i) => [i.dataset.item, Number(i.value)]));
  if (await act("Grade", { items, verdict: $("verdict").value, comment: $("comment").value.trim() || null }, "Grade recorded.")) await Promise.all([showStatus("completed"), refreshReview()]);
});
$("moderate-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const choice = $("moderation").value;
  const moderation = { agrees: choice === "agree", reason: $("moderation-reason").value.trim(), verdict: choice === "agree" ? null : choice };
  if (await act("Moderate", moderation, "Moderation recorded.")) await Promise.all([showStatus("completed"), refreshReview()]);
});
$("view").addEventListener("change", () => watching?.canvas.setMode($("view").value));
$("zoom").addEventListener("change", () => watching?.canvas.setZoom(Number($("zoom").value)));
$("refresh").addEventListener("click", () => Promise.all([refreshLive(), refreshReview()]));

try {
  await connection.start();
} catch (error) {
  say(status, `Live connection failed: ${hubReason(error)}. Reload to try again.`, "error");
}
await Promise.all([refreshLive(), refreshReview()]);
setInterval(refreshLive, 5000);
setInterval(refreshReview, 20000);
