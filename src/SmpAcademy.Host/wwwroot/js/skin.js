// A practice skin drawn to scale on a canvas (mm → px), with the dots on top in one of three views:
// scores (colour by the dot's lowest score), fresh (pigment as placed) or healed (the rubric's healing model).

const SKIN_TONES = { 1: "#f5d9c6", 2: "#ebc4a4", 3: "#d6a47e", 4: "#b47d55", 5: "#815438", 6: "#4c3124" };
const HAIR = { black: "#161616", "dark-brown": "#3a281d", "light-brown": "#7b5a3b", blond: "#c9a566", grey: "#9b9b9b" };

const MAX_CANVAS_PIXELS = 16_000_000;

export const SCORE_COLOURS = { good: "#1a9850", fair: "#e08e00", poor: "#d73027" };

export function scoreBand(dot) {
  const lowest = Math.min(dot.depthScore, dot.spacingScore, dot.shadeScore);
  return lowest >= 80 ? "good" : lowest >= 50 ? "fair" : "poor";
}

function insidePolygon(points, x, y) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function zoneContains(zone, x, y) {
  if (zone.shape === "polygon") return insidePolygon(zone.points, x, y);
  if (zone.shape === "strip") return zone.points.some((p, i) => i > 0 && distanceToSegment(x, y, zone.points[i - 1], p) <= zone.widthMm / 2);
  return zone.points.some(([cx, cy]) => Math.hypot(x - cx, y - cy) <= zone.diameterMm / 2);
}

/** The top-most zone at a point, as the scorer finds it (later zones lie on top). */
export function zoneAt(skin, x, y) {
  for (let i = skin.zones.length - 1; i >= 0; i--) if (zoneContains(skin.zones[i], x, y)) return skin.zones[i];
  return skin.zones[0];
}

/** A small seeded generator, so existing hair looks the same on every screen and every redraw. */
function seeded(text) {
  let state = [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function bounds(zone) {
  const pad = zone.widthMm ? zone.widthMm / 2 : zone.diameterMm ? zone.diameterMm / 2 : 0;
  const xs = zone.points.map((p) => p[0]);
  const ys = zone.points.map((p) => p[1]);
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
}

export class SkinCanvas {
  constructor(canvas, skin, { onPoint, onHover, label } = {}) {
    this.canvas = canvas;
    this.skin = skin;
    this.onPoint = onPoint;
    this.onHover = onHover;
    this.guideGapMm = null;
    this.zoom = 1;
    this.mode = "scores";
    this.dots = [];
    this.healed = [];
    this.earlier = [];
    this.annotations = [];
    this.cursor = { x: skin.widthMm / 2, y: skin.heightMm / 2, shown: false };
    this.ratio = 1;
    this.lastPoint = null; // where the pointer last was over the skin: zooming keeps it in place
    this.needles = Object.fromEntries(skin.needles.map((n) => [n.id, n]));
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "application");
    canvas.setAttribute(
      "aria-label",
      label ||
        `${skin.name}, ${skin.widthMm} by ${skin.heightMm} mm. Click to place a dot, or move the cross with the arrow keys (Shift for 5 mm steps) and press Enter.`,
    );
    canvas.addEventListener("pointerdown", (e) => this.#pointer(e));
    // Hovering only notes where the pointer is (no redraw), so zoom can follow it and a listener can name the zone's targets.
    canvas.addEventListener("pointermove", (e) => {
      this.lastPoint = this.toMm(e.clientX, e.clientY);
      this.onHover?.(this.lastPoint);
    });
    canvas.addEventListener("keydown", (e) => this.#key(e));
    canvas.addEventListener("focus", () => {
      this.cursor.shown = true;
      this.draw();
    });
    canvas.addEventListener("blur", () => {
      this.cursor.shown = false;
      this.draw();
    });
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement);
    this.resize();
  }

  get scale() {
    const width = Math.max(240, this.canvas.parentElement.clientWidth - 2);
    return (width / this.skin.widthMm) * this.zoom;
  }

  /** The target gap of the zone under the keyboard cross, drawn as a ring around it: where the next dot should go. */
  setGuide(gapMm) {
    this.guideGapMm = gapMm;
    if (this.cursor.shown) this.draw();
  }

  /** Zooms about the point last pointed at (else the middle of the view), which stays where it was in the frame. */
  setZoom(zoom) {
    const frame = this.canvas.parentElement;
    const before = this.scale;
    const focus = this.lastPoint || {
      x: (frame.scrollLeft + frame.clientWidth / 2) / before,
      y: (frame.scrollTop + frame.clientHeight / 2) / before,
    };
    const clamp = (v, max) => Math.min(max, Math.max(0, v));
    const offsetX = clamp(focus.x * before - frame.scrollLeft, frame.clientWidth);
    const offsetY = clamp(focus.y * before - frame.scrollTop, frame.clientHeight);
    this.zoom = zoom;
    this.resize();
    frame.scrollLeft = focus.x * this.scale - offsetX;
    frame.scrollTop = focus.y * this.scale - offsetY;
  }

  setMode(mode) {
    this.mode = mode;
    this.draw();
  }

  setDots(dots) {
    this.dots = [...dots];
    this.draw();
  }

  addDots(dots) {
    this.dots.push(...dots);
    this.draw();
  }

  /** Healed dots of the course's earlier sessions, on the skin under this session's (and scored against). Painted once into the background. */
  setEarlier(healed) {
    this.earlier = healed;
    this.background = null;
    this.draw();
  }

  setHealed(healed) {
    this.healed = healed;
    this.draw();
  }

  setAnnotations(annotations) {
    this.annotations = annotations;
    this.draw();
  }

  resize() {
    const scale = this.scale;
    // The backing store is capped (16 Mpx, about 64 MB a layer): at 8× on a high-DPI screen it would otherwise take
    // gigabytes and freeze the page. Past the cap the skin is drawn at fewer device pixels, never more memory.
    const cssPixels = this.skin.widthMm * scale * this.skin.heightMm * scale;
    const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / cssPixels));
    this.ratio = ratio;
    this.canvas.style.width = `${Math.round(this.skin.widthMm * scale)}px`;
    this.canvas.style.height = `${Math.round(this.skin.heightMm * scale)}px`;
    this.canvas.width = Math.round(this.skin.widthMm * scale * ratio);
    this.canvas.height = Math.round(this.skin.heightMm * scale * ratio);
    this.background = null;
    this.draw();
  }

  /** Pointer position in skin millimetres. */
  toMm(clientX, clientY) {
    const box = this.canvas.getBoundingClientRect();
    return {
      x: ((clientX - box.left) / box.width) * this.skin.widthMm,
      y: ((clientY - box.top) / box.height) * this.skin.heightMm,
    };
  }

  #pointer(event) {
    if (event.button !== 0 || !this.onPoint) return;
    const { x, y } = this.toMm(event.clientX, event.clientY);
    // A pen reports pressure; mice and fingers report 0.5 (or 0), which says nothing about depth.
    const pressure = event.pointerType === "pen" && event.pressure > 0 ? event.pressure : null;
    this.cursor = { x, y, shown: this.cursor.shown };
    this.onPoint({ x: round(x), y: round(y), pressure });
  }

  #key(event) {
    const step = event.shiftKey ? 5 : 0.5;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key]) {
      const [dx, dy] = moves[event.key];
      this.cursor.x = Math.min(this.skin.widthMm, Math.max(0, this.cursor.x + dx));
      this.cursor.y = Math.min(this.skin.heightMm, Math.max(0, this.cursor.y + dy));
      this.cursor.shown = true;
      event.preventDefault();
      this.onHover?.(this.cursor);
      this.draw();
    } else if ((event.key === "Enter" || event.key === " ") && this.onPoint) {
      event.preventDefault();
      this.onPoint({ x: round(this.cursor.x), y: round(this.cursor.y), pressure: null });
    }
  }

  #paintBackground() {
    const ratio = this.ratio;
    const layer = document.createElement("canvas");
    layer.width = this.canvas.width;
    layer.height = this.canvas.height;
    const g = layer.getContext("2d");
    const s = this.scale * ratio;
    g.fillStyle = SKIN_TONES[this.skin.fitzpatrick] || SKIN_TONES[3];
    g.fillRect(0, 0, layer.width, layer.height);
    for (const zone of this.skin.zones) {
      g.save();
      this.#outline(g, zone, s);
      if (zone.kind === "scar") {
        g.fillStyle = "rgba(255, 225, 215, 0.75)";
        g.fill();
        g.strokeStyle = "rgba(160, 90, 80, 0.6)";
        g.lineWidth = Math.max(1, 0.3 * s);
        g.stroke();
      } else if (zone.kind !== "mid-scalp" && zone.kind !== "practice-pad") {
        g.setLineDash([4 * ratio, 4 * ratio]);
        g.strokeStyle = "rgba(60, 40, 30, 0.35)";
        g.lineWidth = ratio;
        g.stroke();
      }
      g.restore();
      if (zone.hairDensityPerCm2) this.#paintHair(g, zone, s);
      if (zone.leadingEdge) {
        g.beginPath();
        zone.leadingEdge.forEach(([x, y], i) => (i ? g.lineTo(x * s, y * s) : g.moveTo(x * s, y * s)));
        g.strokeStyle = "rgba(30, 60, 140, 0.5)";
        g.lineWidth = 1.5 * ratio;
        g.stroke();
      }
    }
    // Earlier sessions' healed dots are part of the skin now: one pass, no per-dot filter, however many there are.
    g.fillStyle = "rgba(55, 45, 70, 0.55)";
    g.beginPath();
    for (const dot of this.earlier) {
      if (!dot.visible) continue;
      const r = Math.max(1.5 * ratio, (dot.diameterMm / 2) * s); // at least 3 px across, so they show at 1×
      g.moveTo(dot.x * s + r, dot.y * s);
      g.arc(dot.x * s, dot.y * s, r, 0, Math.PI * 2);
    }
    g.fill();
    this.background = layer;
  }

  #outline(g, zone, s) {
    g.beginPath();
    if (zone.shape === "polygon") {
      zone.points.forEach(([x, y], i) => (i ? g.lineTo(x * s, y * s) : g.moveTo(x * s, y * s)));
      g.closePath();
    } else if (zone.shape === "strip") {
      g.lineWidth = zone.widthMm * s;
      g.lineCap = "round";
      zone.points.forEach(([x, y], i) => (i ? g.lineTo(x * s, y * s) : g.moveTo(x * s, y * s)));
      g.strokeStyle = "rgba(255, 225, 215, 0.75)";
      g.stroke();
      g.beginPath();
    } else {
      for (const [x, y] of zone.points) {
        g.moveTo((x + zone.diameterMm / 2) * s, y * s);
        g.arc(x * s, y * s, (zone.diameterMm / 2) * s, 0, Math.PI * 2);
      }
    }
  }

  #paintHair(g, zone, s) {
    const random = seeded(zone.id);
    const [x0, y0, x1, y1] = bounds(zone);
    const count = Math.round(((x1 - x0) * (y1 - y0) * zone.hairDensityPerCm2) / 100);
    g.strokeStyle = HAIR[zone.hairColour] || HAIR["dark-brown"];
    g.lineWidth = Math.max(1, 0.08 * s);
    g.beginPath();
    for (let i = 0; i < count; i++) {
      const x = x0 + random() * (x1 - x0);
      const y = y0 + random() * (y1 - y0);
      const angle = Math.PI * (0.35 + random() * 0.3);
      if (zoneAt(this.skin, x, y) !== zone) continue;
      g.moveTo(x * s, y * s);
      g.lineTo((x + Math.cos(angle) * 0.6) * s, (y + Math.sin(angle) * 0.6) * s);
    }
    g.stroke();
  }

  draw() {
    const g = this.canvas.getContext("2d");
    const ratio = this.ratio;
    const s = this.scale * ratio;
    if (!this.background) this.#paintBackground();
    g.drawImage(this.background, 0, 0);
    if (this.mode === "healed") this.#paintHealed(g, s);
    else this.#paintDots(g, s, ratio);
    for (const [i, a] of this.annotations.entries()) {
      if (a.x === null || a.x === undefined) continue;
      g.fillStyle = "#1f4fbf";
      g.beginPath();
      g.arc(a.x * s, a.y * s, 7 * ratio, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = "#fff";
      g.font = `${10 * ratio}px sans-serif`;
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.fillText(String(i + 1), a.x * s, a.y * s);
    }
    if (this.cursor.shown) {
      const { x, y } = this.cursor;
      g.strokeStyle = "#0b3d91";
      g.lineWidth = ratio;
      g.beginPath();
      g.moveTo(x * s - 8 * ratio, y * s);
      g.lineTo(x * s + 8 * ratio, y * s);
      g.moveTo(x * s, y * s - 8 * ratio);
      g.lineTo(x * s, y * s + 8 * ratio);
      g.stroke();
      if (this.guideGapMm) {
        g.setLineDash([3 * ratio, 3 * ratio]);
        g.beginPath();
        g.arc(x * s, y * s, this.guideGapMm * s, 0, Math.PI * 2);
        g.stroke();
        g.setLineDash([]);
      }
    }
  }

  #paintDots(g, s, ratio) {
    for (const dot of this.dots) {
      const needle = this.needles[dot.needle];
      // Fresh dots are drawn to scale; score markers are at least 3 px so their colour can be read.
      const radius = Math.max((this.mode === "fresh" ? 1.6 : 3) * ratio, ((needle?.freshDotDiameterMm || 0.25) / 2) * s);
      g.beginPath();
      g.arc(dot.x * s, dot.y * s, radius, 0, Math.PI * 2);
      if (this.mode === "fresh") {
        g.fillStyle = `rgba(18, 18, 24, ${0.25 + 0.75 * dot.shade})`;
        g.fill();
      } else {
        g.fillStyle = SCORE_COLOURS[scoreBand(dot)];
        g.fill();
        if (dot.flags.length) {
          g.strokeStyle = "#000";
          g.lineWidth = 0.8 * ratio;
          g.stroke();
        }
      }
    }
  }

  #paintHealed(g, s) {
    for (const dot of this.healed) {
      if (!dot.visible) continue;
      g.save();
      if (dot.blurred) g.filter = `blur(${Math.max(1, 0.15 * s)}px)`;
      g.beginPath();
      g.arc(dot.x * s, dot.y * s, Math.max(1, (dot.diameterMm / 2) * s), 0, Math.PI * 2);
      g.fillStyle = dot.blurred ? `rgba(40, 60, 90, ${Math.min(1, dot.shade + 0.1)})` : `rgba(25, 25, 30, ${dot.shade})`;
      g.fill();
      g.restore();
    }
  }
}

const round = (v) => Math.round(v * 100) / 100;
