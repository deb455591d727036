import { api, requireRole, say } from "./session.js";

await requireRole("admin");
const button = document.getElementById("checkpoint");
button.addEventListener("click", async () => {
  button.disabled = true;
  try {
    const c = await api("/api/audit/checkpoints", { method: "POST" });
    say(document.getElementById("checkpoint-result"), `Checkpoint ${c.id} signed over ${c.heads.length} stream head(s).`, "ok");
  } catch (error) {
    say(document.getElementById("status"), error.message, "error");
  } finally {
    button.disabled = false;
  }
});

document.getElementById("assign-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const trainee = document.getElementById("assign-trainee").value.trim();
  const instructor = document.getElementById("assign-instructor").value.trim();
  try {
    await api(`/api/trainees/${encodeURIComponent(trainee)}/instructors`, { method: "POST", body: { instructorId: instructor } });
    say(document.getElementById("assign-result"), `${instructor} now instructs ${trainee}.`, "ok");
    document.dispatchEvent(new CustomEvent("smp:assigned"));
  } catch (error) {
    say(document.getElementById("assign-result"), `Not assigned: ${error.message}`, "error");
  }
});
