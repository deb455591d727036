// The auditor's console: candidates who applied to the auditor's body, their timeline, replay of any
// session dot by dot, verification, re-scoring, the decision and the audit bundle; certifying and revoking.
import { api, element, fixed, requireRole, say, when, whenExact } from "./session.js";
import { createCertificates } from "./auditor-certificates.js";
import { SkinCanvas } from "./skin.js";
import { flagWords } from "./plots.js";
import { skinOf } from "./catalog.js";

const $ = (id) => document.getElementById(id);
const status = $("status");
const me = await requireRole("auditor");
const certificates = createCertificates(me.body);
let candidates = [];
let traineeId = null;
const replay = { session: null, canvas: null, shown: 0, timer: null };

const path = (rest = "") => `/api/audit/candidates/${encodeURIComponent(traineeId)}${rest}`;

async function loadCandidates() {
  candidates = await api("/api/audit/candidates");
  renderCandidates();
}

function renderCandidates() {
  const term = $("find").value.trim().toLowerCase();
  const rows = candidates.filter((c) => c.traineeId.toLowerCase().includes(term)).map((c) => element("tr", {},
    element("td", { text: c.traineeId }),
    element("td", { text: c.programId || "–" }),
    element("td", { text: String(c.sessions) }),
    element("td", { text: `${fixed(c.practiceMinutes / 60, 1)} h` }),
    element("td", { text: c.passedExercises.join(", ") || "none" }),
    element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Open ${c.traineeId}`, onclick: () => openCandidate(c.traineeId) }, "Open"))));
  $("candidates").replaceChildren(...(rows.length ? rows : [element("tr", {}, element("td", { colspan: 6, text: candidates.length ? "No candidate matches." : `No trainee has applied to ${me.body} yet.` }))]));
}

async function openCandidate(id) {
  traineeId = id;
  stop();
  $("results").replaceChildren();
  $("replay").classList.add("hidden");
  try {
    const timeline = await api(path("/timeline"));
    $("candidate").classList.remove("hidden");
    $("candidate-heading").textContent = `Candidate ${id}`;
    $("sessions").replaceChildren(...timeline.sessions.map((s) => element("tr", {},
      element("td", { text: when(s.startedAt) }),
      element("td", { text: `${s.exerciseId} (course session ${s.courseSessionNumber})` }),
      element("td", { text: s.status }),
      element("td", { text: String(s.dots) }),
      element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Replay the ${s.exerciseId} session of ${when(s.startedAt)}`, onclick: () => openReplay(s.sessionId) }, "Replay")))));
    $("timeline").replaceChildren(...timeline.entries.map((e) => element("li", {}, element("time", { datetime: e.at, text: whenExact(e.at) }), ` — ${e.what}`, element("small", { class: "by", text: ` (by ${e.by})` }))));
    $("candidate").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    say(status, `Cannot open ${id}: ${error.message}`, "error");
  }
}

function verdict(ok, text) {
  return element("p", { class: "verdict", "data-ok": String(ok) }, text);
}

async function run(button, work) {
  button.disabled = true;
  say(status, "Working…");
  try {
    $("results").replaceChildren(...(await work()));
    say(status, "");
  } catch (error) {
    say(status, error.message, "error");
  } finally {
    button.disabled = false;
  }
}

$("verify").addEventListener("click", () => run($("verify"), async () => {
  const v = await api(path("/verification"));
  const broken = v.streams.filter((s) => !s.intact);
  return [
    verdict(v.verdict === "VERIFIED", !v.intact ? `${v.verdict}: history not intact, ${broken.length} stream(s) broken or a checkpoint does not hold.`
      : v.verdict === "VERIFIED" ? `${v.verdict}: history intact, ${v.events} events in ${v.streams.length} streams, every hash link holds, and every event is under the latest signed checkpoint, whose signature verifies.`
      : `${v.verdict}: history chained, but ${v.checkpoints.length ? v.eventsAfterLastCheckpoint : v.events} of ${v.events} event(s) are under no signed checkpoint, so they could have been rewritten unseen.`),
    element("p", { class: "muted" }, `${v.checkpoints.length ? `Checked against the latest signed checkpoint, #${v.checkpoints[0].checkpointId} (it vouches for every one before it)` : "No signed checkpoint covers it"}; ${v.eventsAfterLastCheckpoint} event(s) are newer. Signing key ${v.trustedKey.slice(0, 16)}…`),
    ...broken.map((s) => element("p", {}, `${s.stream}: ${s.break ? `${s.break.reason} at version ${s.break.version}` : "broken"}`)),
  ];
}));

$("rescore").addEventListener("click", () => run($("rescore"), async () => {
  const r = await api(path("/rescoring"));
  return [
    verdict(r.identical, r.identical ? `Re-scoring identical: ${r.dots} dots in ${r.sessions} session(s) score bit for bit as recorded.` : "Re-scoring DIFFERS from the recorded scores."),
    ...r.reports.filter((x) => !x.identical).map((x) => element("p", {}, `${x.sessionId}: ${x.mismatches.length} dot(s) differ`)),
  ];
}));

$("decide").addEventListener("click", () => run($("decide"), async () => {
  const d = await api(path("/decision"));
  return [
    verdict(d.certified, d.certified ? "Certifiable: every requirement is met." : "Not certifiable yet."),
    element("ul", {}, ...d.requirements.map((q) => element("li", {}, `${q.met ? "✔ met" : "✘ unmet"}: ${q.requirement} — ${q.detail}`))),
    ...(d.certified ? [element("p", {}, certificates.certifyButton(traineeId))] : []),
  ];
}));

$("bundle").addEventListener("click", () => run($("bundle"), async () => {
  const response = await api(path("/bundle"), { raw: true });
  const blob = await response.blob();
  const link = element("a", { href: URL.createObjectURL(blob), download: `${traineeId}-audit-bundle.zip` });
  document.body.append(link);
  link.click();
  link.remove();
  return [element("p", {}, `Bundle downloaded (${fixed(blob.size / 1024, 0)} KB). Check it offline with: smp audit verify ${traineeId}-audit-bundle.zip --key <the body's pinned key>`)];
}));

async function openReplay(sessionId) {
  stop();
  try {
    const session = await api(path(`/sessions/${sessionId}`));
    const skin = await skinOf(session);
    replay.session = session;
    replay.canvas = new SkinCanvas($("skin"), skin, { label: `Replay of ${session.exerciseId} on ${skin.name}; use the Play, Step and dot slider controls.` });
    $("replay").classList.remove("hidden");
    $("replay-about").textContent = `${session.exerciseId} on ${skin.name}, started ${whenExact(session.startedAt)}, ${session.status}, rubric v${session.rubricVersion}. Scores shown are the recorded ones; notes and pauses appear when the replay reaches their time.`;
    $("scrub").max = String(session.dots.length);
    $("total").textContent = String(session.dots.length);
    show(0);
    $("replay").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    say(status, `Cannot replay: ${error.message}`, "error");
  }
}

/** The replay as it stood at dot `count`: the dots so far, and the notes and pauses recorded by then (all of them at the end). */
function show(count) {
  const { dots, annotations, pauses } = replay.session;
  replay.shown = count;
  replay.canvas.setDots(dots.slice(0, count));
  $("scrub").value = String(count);
  $("position").textContent = String(count);
  const dot = dots[count - 1];
  const now = count === 0 ? -Infinity : count === dots.length ? Infinity : Date.parse(dot.at);
  const notes = annotations.filter((a) => Date.parse(a.at) <= now);
  replay.canvas.setAnnotations(notes);
  $("replay-notes").replaceChildren(...notes.map((a) => element("li", {}, element("time", { datetime: a.at, text: whenExact(a.at) }), ` ${a.instructorId}: ${a.text}`)));
  const before = count <= 1 ? -Infinity : Date.parse(dots[count - 2].at);
  const paused = dot ? pauses.filter((p) => Date.parse(p.at) >= before && Date.parse(p.at) <= Date.parse(dot.at)) : [];
  const pauseWords = paused.map((p) => ` Paused at ${whenExact(p.at)}${p.resumedAt ? `, resumed ${whenExact(p.resumedAt)}` : ", never resumed"} before this dot.`).join("");
  $("replay-dot").textContent = dot
    ? `Dot ${dot.sequence} at ${whenExact(dot.at)} in ${dot.zone}: depth ${dot.depthMm.toFixed(2)} mm → ${fixed(dot.depthScore, 0)}, spacing ${fixed(dot.spacingScore, 0)}, shade ${fixed(dot.shadeScore, 0)}; ${flagWords(dot.flags)}.${pauseWords}`
    : "Start of the session.";
}

function stop() {
  clearTimeout(replay.timer);
  replay.timer = null;
  $("play").textContent = "Play";
}

/** Plays at the recorded pace times the speed; long pauses in the recording are cut to a second. */
function tick() {
  if (replay.shown >= replay.session.dots.length) {
    stop();
    return;
  }
  show(replay.shown + 1);
  const speed = Number($("speed").value);
  const next = replay.session.dots[replay.shown];
  const gap = next ? Date.parse(next.at) - Date.parse(replay.session.dots[replay.shown - 1].at) : 0;
  replay.timer = setTimeout(tick, speed === 0 ? 0 : Math.min(1000, Math.max(0, gap / speed)));
}

$("play").addEventListener("click", () => {
  if (replay.timer) return stop();
  if (replay.shown >= replay.session.dots.length) show(0);
  $("play").textContent = "Pause";
  tick();
});
$("step").addEventListener("click", () => {
  stop();
  if (replay.shown < replay.session.dots.length) show(replay.shown + 1);
});
$("scrub").addEventListener("input", () => {
  stop();
  show(Number($("scrub").value));
});
$("find").addEventListener("input", renderCandidates);
$("show-log").addEventListener("click", async () => {
  try {
    const log = await api("/api/audit/log");
    $("log").replaceChildren(...log.map((e) => element("li", {}, `${when(e.at)} — ${e.auditorId} read ${e.what} of ${e.traineeId}`)));
  } catch (error) {
    say(status, error.message, "error");
  }
});

try {
  await loadCandidates();
  await certificates.load();
} catch (error) {
  say(status, `Cannot list candidates: ${error.message}`, "error");
}
