// A session's practice time against its exercise's minimum: the server's active seconds as of its latest update
// (pauses not counted), ticking on locally while the session is active.
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;

export class PracticeTimer {
  constructor(element) {
    this.element = element;
    this.state = null;
    setInterval(() => this.render(), 1000);
  }

  /** From a Watch start or an update's statistics, and the session's status. */
  set(activeSeconds, status, minMinutes) {
    this.state = { base: activeSeconds, since: Date.now(), running: status === "active", minMinutes };
    this.render();
  }

  render() {
    if (!this.state) return;
    const { base, since, running, minMinutes } = this.state;
    const seconds = base + (running ? (Date.now() - since) / 1000 : 0);
    const met = minMinutes !== undefined && seconds >= minMinutes * 60;
    this.element.textContent = `Practised ${clock(seconds)}${minMinutes !== undefined ? ` of ${minMinutes} min minimum${met ? " ✓" : ""}` : ""}${running ? "" : " (stopped)"}`;
    this.element.dataset.met = String(met);
  }
}
