// The trainee's console: their record, choosing an exercise, and the practice skin with instant feedback.
import { api, element, fixed, hub, hubReason, invokeOnce, requireRole, say, when } from "./session.js";
import { SkinCanvas, scoreBand } from "./skin.js";
import { flagWords, verdictWords } from "./plots.js";
import { sessionPlots } from "./summary.js";
import { earlierDotsOf, loadPrograms, skinOf } from "./catalog.js";
import { setTools, targetsAt, targetWords } from "./targets.js";
import { PracticeTimer } from "./timer.js";

const $ = (id) => document.getElementById(id);
const status = $("status");
// What goes wrong while working on the skin is said next to it, not at the top of the page out of view.
const workStatus = $("work-status");
const me = await requireRole("trainee");
const base = `/api/trainees/${encodeURIComponent(me.userId)}`;
const { programs, exercises: allExercises, exerciseById } = await loadPrograms();
// One socket: the trainee places dots and follows their session's notes and status on their own hub.
const traineeHub = hub("trainee");
const timer = new PracticeTimer($("timer"));
let profile;
let current = null; // { id, skin, exercise, canvas, dots, status, annotations, targets }

const exercisesOf = (programId) => allExercises.filter((e) => e.programId === programId);

async function refresh() {
  profile = await api(base);
  $("program").textContent = profile.programId ? programs.find((p) => p.id === profile.programId)?.name || profile.programId : "not enrolled";
  $("enroll-form").classList.toggle("hidden", !!profile.programId);
  $("program-select").replaceChildren(...programs.map((p) => new Option(p.name, p.id)));
  $("instructors").textContent = profile.instructors.join(", ") || "none yet";
  $("applications").textContent = profile.appliedTo.join(", ") || "no body yet";
  const program = programs.find((p) => p.id === profile.programId);
  $("apply-body").replaceChildren(...(program?.bodies || []).filter((b) => !profile.appliedTo.includes(b.id)).map((b) => new Option(b.name, b.id)));
  $("apply-form").classList.toggle("hidden", !program || $("apply-body").options.length === 0);

  const exercises = exercisesOf(profile.programId);
  const chosen = $("exercise").value;
  $("exercise").replaceChildren(...exercises.map((e) => new Option(`${e.module} · ${e.name}`, e.id)));
  if (chosen) $("exercise").value = chosen;
  $("start").disabled = exercises.length === 0;
  describeExercise();
  renderHistory();
  await renderCertificates();
}

// The holder's certificates: the credential file to download, a printable page with a QR code, and a link to share.
async function renderCertificates() {
  let held;
  try {
    held = await api(`${base}/certificates`);
  } catch (error) {
    say($("certificate-status"), `Your certificates cannot be listed now: ${error.message}`, "error");
    return;
  }
  $("certificates-none").classList.toggle("hidden", held.length > 0);
  $("certificate-list").replaceChildren(...held.map((c) => {
    const page = `/certificate.html?body=${encodeURIComponent(c.bodyId)}&certificate=${c.credentialId}`;
    return element("li", { "data-certificate": c.credentialId },
      element("strong", { text: c.achievementName }), ` · ${c.bodyName} · ${when(c.issuedAt)}`,
      c.revokedAt ? element("span", { class: "revoked", text: ` · revoked on ${when(c.revokedAt)}: ${c.revocationReason}` }) : null,
      element("div", { class: "row" },
        element("button", { type: "button", class: "secondary", onclick: () => download(c) }, "Download (JSON)"),
        element("a", { href: page, target: "_blank", rel: "noopener" }, "Printable certificate"),
        element("button", { type: "button", class: "link", onclick: () => share(c) }, "Copy verification link")));
  }));
}

async function download(c) {
  try {
    const response = await api(c.download, { raw: true });
    const url = URL.createObjectURL(new Blob([await response.text()], { type: "application/ld+json" }));
    element("a", { href: url, download: `certificate-${c.credentialId}.json` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    say($("certificate-status"), `Could not download it: ${error.message}`, "error");
  }
}

async function share(c) {
  try {
    await navigator.clipboard.writeText(c.verificationLink);
    say($("certificate-status"), `Copied: ${c.verificationLink}`);
  } catch {
    // No clipboard (an insecure context, or refused): show the link to copy by hand.
    say($("certificate-status"), `Verification link: ${c.verificationLink}`);
  }
}

function describeExercise() {
  const exercise = exerciseById($("exercise").value);
  if (!exercise) {
    $("exercise-about").textContent = profile?.programId ? "" : "Enrol in a program to see its exercises.";
    return;
  }
  $("exercise-about").textContent = `${exercise.description} Pass: depth ≥ ${exercise.minDepthScore}, spacing ≥ ${exercise.minSpacingScore}, shade ≥ ${exercise.minShadeScore}, at least ${exercise.minDots} dots over ${exercise.minMinutes} min.`;
  const courses = Object.entries(profile.courses).filter(([, c]) => c.exerciseId === exercise.id && c.sessions.length < exercise.sessions);
  $("course").replaceChildren(
    new Option(exercise.sessions > 1 ? `New course (session 1 of ${exercise.sessions})` : "Single session", ""),
    ...courses.map(([id, c]) => new Option(`Continue course ${id.slice(0, 8)}: session ${c.sessions.length + 1} of ${exercise.sessions}, day ${c.day}`, id)),
  );
  $("advance-form").classList.toggle("hidden", courses.length === 0);
}

function renderHistory() {
  const rows = [...profile.sessions].reverse().map((s) => {
    const outcome = !s.closed ? "open" : s.closed.summary ? `${s.closed.passed ? "passed" : "not passed"} · ${s.closed.summary.dots} dots` : "abandoned";
    const exercise = exerciseById(s.opened.exerciseId);
    return element("tr", {},
      element("td", { text: when(s.opened.at) }),
      element("td", { text: exercise?.name || s.opened.exerciseId }),
      element("td", { text: outcome }),
      element("td", { "data-grade": s.opened.sessionId, text: s.closed?.summary ? "…" : "–" }),
      element("td", {}, element("button", { class: "link", type: "button", onclick: () => open(s.opened.sessionId) }, s.closed ? "View" : "Continue")));
  });
  $("history").replaceChildren(...(rows.length ? rows : [element("tr", {}, element("td", { colspan: 5, text: "No sessions yet." }))]));
  // The latest completed attempts' grades, each read from its session (the instructor's verdict, comment and any moderation).
  const completed = [...profile.sessions].reverse().filter((s) => s.closed?.summary).slice(0, 20);
  Promise.all(completed.map((s) => showGrade(s.opened.sessionId)));
}

async function showGrade(sessionId) {
  const cell = document.querySelector(`[data-grade="${sessionId}"]`);
  try {
    const { grade, moderation } = await api(`/api/sessions/${sessionId}?limit=1`);
    cell.textContent = !grade ? "not graded yet"
      : `${verdictWords(grade.verdict)} by ${grade.instructorId}${grade.comment ? `: “${grade.comment}”` : ""}` +
        (moderation ? ` · moderated by ${moderation.moderatorId}: ${moderation.agrees ? "agrees" : `${verdictWords(moderation.verdict)}, “${moderation.reason}”`}` : "");
    cell.dataset.verdict = moderation && !moderation.agrees ? moderation.verdict : grade?.verdict || "";
  } catch (error) {
    cell.textContent = `unavailable (${error.message})`;
  }
}

async function open(sessionId) {
  say(status, "");
  const first = await api(`/api/sessions/${sessionId}?limit=10000`);
  const exercise = exerciseById(first.exerciseId);
  const skin = await skinOf(first);
  const dots = [...first.dots];
  for (let from = dots.length + 1; dots.length < first.dotCount; from = dots.length + 1) {
    const page = await api(`/api/sessions/${sessionId}?fromSequence=${from}&limit=10000`);
    if (!page.dots.length) break;
    dots.push(...page.dots);
  }
  $("session").classList.remove("hidden");
  $("session-heading").textContent = `Session: ${exercise?.name || first.exerciseId}`;
  $("session-about").textContent = `${skin.name}: ${skin.description} (${skin.widthMm} × ${skin.heightMm} mm, Fitzpatrick ${skin.fitzpatrick}; course session ${first.courseSessionNumber}; rubric v${first.rubricVersion})`;
  $("needle").replaceChildren(...skin.needles.map((n) => new Option(`${n.id} (${n.grouping} × ${n.gaugeMm} mm)`, n.id)));
  const canvas = new SkinCanvas($("skin"), skin, { onPoint: place, onHover: ({ x, y }) => current?.canvas === canvas && showTargets(targetsAt(skin, x, y)) });
  canvas.setMode($("view").value);
  canvas.setDots(dots);
  const earlier = await earlierDotsOf(first);
  canvas.setEarlier(earlier);
  $("earlier-dots").textContent = first.earlierSessions.length
    ? `The skin carries ${earlier.filter((d) => d.visible).length} healed dots from ${first.earlierSessions.length} earlier session(s) of this course (drawn dark violet): your dots are scored against them too.`
    : "";
  current = { id: sessionId, skin, exercise, canvas, dots, status: first.status, annotations: [...first.annotations] };
  // The tools start on the targets of the zone at the skin's centre, and the targets follow the pointer.
  showTargets(targetsAt(skin, skin.widthMm / 2, skin.heightMm / 2));
  setTools(current.targets, tools);
  canvas.setAnnotations(current.annotations);
  renderAnnotations();
  showStatus(first.status);
  if (first.status === "completed") showSummary(first);
  else $("summary").classList.add("hidden");
  if ($("view").value === "healed") await loadHealed();
  try {
    const start = await traineeHub.invoke("Watch", sessionId, dots.length + 1); // notes, status and time: the dots are here already
    timer.set(start.stats.activeSeconds, start.status, exercise?.minMinutes);
  } catch (error) {
    say(status, `Live instructor notes are off: ${hubReason(error)}`, "error");
  }
  $("session").scrollIntoView({ behavior: "smooth", block: "start" });
}

const tools = { needle: $("needle"), depth: $("depth"), shade: $("shade") };

function showTargets(targets) {
  if (current.targets?.zone.id === targets.zone.id) return;
  current.targets = targets;
  $("zone-targets").textContent = targetWords(targets);
  current.canvas.setGuide(targets.zone.targetGapMm);
}

function showStatus(value) {
  current.status = value;
  $("session-status").textContent = value;
  $("dot-count").textContent = String(current.dots.length);
  const open = value === "active" || value === "paused";
  for (const id of ["complete", "abandon", "pause"]) $(id).disabled = !open;
  $("pause").textContent = value === "paused" ? "Resume" : "Pause";
  // A message about the session's state is stale once the state changes.
  say(workStatus, value === "completed" ? "Session completed." : value === "abandoned" ? "Session abandoned." : "", "ok");
}

async function place({ x, y, pressure }) {
  if (!current || current.status !== "active") {
    say(workStatus, current?.status === "paused" ? "The session is paused: press Resume to place dots." : "This session is closed: start a new one to practise.", "error");
    return;
  }
  let depth = Number($("depth").value);
  if (pressure !== null && $("pen-depth").checked) {
    depth = Math.round((0.1 + pressure * 1.1) * 100) / 100;
    $("depth").value = depth;
    $("depth-out").textContent = depth.toFixed(2);
  }
  const dot = { x, y, needle: $("needle").value, depthMm: depth, shade: Number($("shade").value) };
  try {
    // The answer is the recorded dot itself, the same record the session view and watchers get.
    const scored = await invokeOnce(traineeHub, "PlaceDot", current.id, dot);
    current.dots.push(scored);
    current.canvas.addDots([scored]);
    showFeedback(scored);
    $("dot-count").textContent = String(current.dots.length);
    say(workStatus, "");
  } catch (error) {
    say(workStatus, `Dot not placed: ${hubReason(error)}`, "error");
  }
}

function showFeedback(dot) {
  for (const [id, value] of [["depth-score", dot.depthScore], ["spacing-score", dot.spacingScore], ["shade-score", dot.shadeScore]]) {
    const box = $(id);
    box.dataset.band = value >= 80 ? "good" : value >= 50 ? "fair" : "poor";
    box.querySelector("b").textContent = fixed(value, 0);
  }
  const near = dot.nearestDotMm ? `; nearest dot ${fixed(dot.nearestDotMm, 2)} mm` : "";
  $("feedback-words").textContent = `Dot ${dot.sequence} in ${dot.zone} at ${dot.depthMm.toFixed(2)} mm: ${flagWords(dot.flags)}${near}. Overall ${scoreBand(dot)}.`;
}

function renderAnnotations() {
  const items = current.annotations.map((a) => element("li", {}, `${a.instructorId}: ${a.text}`));
  $("annotations").replaceChildren(...(items.length ? items : [element("li", { text: "none yet" })]));
}

async function loadHealed() {
  const healed = await api(`/api/sessions/${current.id}/healed`);
  current.canvas.setHealed(healed.dots);
}

/** A .NET TimeSpan ("[d.]hh:mm:ss[.fffffff]") in words: "1 h 2 min", "2 min 3 s". */
function duration(span) {
  const [, d = 0, h, m, sec] = /^(?:(\d+)\.)?(\d+):(\d+):([\d.]+)$/.exec(span) || [];
  const hours = Number(d) * 24 + Number(h || 0);
  return hours ? `${hours} h ${Number(m)} min` : Number(m) ? `${Number(m)} min ${Math.round(sec)} s` : `${Math.round(Number(sec || 0))} s`;
}

function showSummary(session) {
  $("summary").classList.remove("hidden");
  const s = session.summary;
  $("summary-line").textContent = s
    ? `${s.dots} dots in ${duration(s.activeDuration)} of practice; mean depth ${fixed(s.meanDepthScore)}, spacing ${fixed(s.meanSpacingScore)}, shade ${fixed(s.meanShadeScore)}.`
    : "Summary pending.";
  sessionPlots($("plots"), current.dots, current.skin);
}

async function command(name) {
  try {
    await api(`/api/sessions/${current.id}/${name}`, { method: "POST" });
    const session = await api(`/api/sessions/${current.id}?fromSequence=${current.dots.length + 1}`);
    showStatus(session.status);
    if (session.status === "completed") showSummary(session);
    await refresh();
  } catch (error) {
    say(workStatus, `Could not ${name} the session: ${error.message}`, "error");
  }
}

traineeHub.onreconnected(() => current && traineeHub.invoke("Watch", current.id, current.dots.length + 1).catch(() => {}));
traineeHub.on("updated", (update) => {
  if (!current || update.sessionId !== current.id) return;
  if (update.annotations.length) {
    current.annotations.push(...update.annotations);
    current.canvas.setAnnotations(current.annotations);
    renderAnnotations();
  }
  if (update.status !== current.status) showStatus(update.status);
  timer.set(update.stats.activeSeconds, update.status, current.exercise?.minMinutes);
});

async function attempt(action, done) {
  try {
    await action();
    say(status, done, "ok");
    await refresh();
  } catch (error) {
    say(status, error.message, "error");
  }
}

$("enroll-form").addEventListener("submit", (e) => {
  e.preventDefault();
  attempt(() => api(`${base}/enrollment`, { method: "POST", body: { programId: $("program-select").value } }), "Enrolled.");
});
$("apply-form").addEventListener("submit", (e) => {
  e.preventDefault();
  attempt(() => api(`${base}/applications`, { method: "POST", body: { bodyId: $("apply-body").value } }), "Application recorded: that body's auditors may now read your history.");
});
$("advance-form").addEventListener("submit", (e) => {
  e.preventDefault();
  attempt(() => api(`${base}/courses/${$("course").value}/advance`, { method: "POST", body: { days: Number($("advance-days").value) } }), "Course advanced.");
});
$("exercise").addEventListener("change", describeExercise);
$("start-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const opened = await api(`${base}/sessions`, { method: "POST", body: { exerciseId: $("exercise").value, courseId: $("course").value || null } });
    await refresh();
    await open(opened.sessionId);
    $("skin").focus({ preventScroll: true });
  } catch (error) {
    say(status, `Could not start: ${error.message}`, "error");
  }
});
$("depth").addEventListener("input", () => ($("depth-out").textContent = Number($("depth").value).toFixed(2)));
$("shade").addEventListener("input", () => ($("shade-out").textContent = Number($("shade").value).toFixed(2)));
$("depth-out").textContent = Number($("depth").value).toFixed(2);
$("shade-out").textContent = Number($("shade").value).toFixed(2);
$("view").addEventListener("change", async () => {
  if (!current) return;
  if ($("view").value === "healed") await loadHealed();
  current.canvas.setMode($("view").value);
});
$("use-targets").addEventListener("click", () => current?.targets && setTools(current.targets, tools));
$("zoom").addEventListener("change", () => current?.canvas.setZoom(Number($("zoom").value)));
$("pause").addEventListener("click", () => command(current.status === "paused" ? "resume" : "pause"));
$("complete").addEventListener("click", () => command("complete"));
$("abandon").addEventListener("click", () => {
  if (confirm("Abandon this session? It stays in your record as abandoned.")) command("abandon");
});

try {
  await traineeHub.start();
} catch (error) {
  say(status, `Live connection failed: ${hubReason(error)}. Reload to try again.`, "error");
}
await refresh();
