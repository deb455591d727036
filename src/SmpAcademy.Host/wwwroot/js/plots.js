// Small SVG plots of a session: depth against the target band, nearest-neighbour spacing against the
// target gap, shade by zone against the target shade, and flags over time. Each plot has a text
// description for screen readers, and its numbers in a table on request.

const SVG = "http://www.w3.org/2000/svg";
const W = 360;
const H = 200;
const M = { left: 40, right: 10, top: 12, bottom: 34 };

export const FLAG_WORDS = {
  "fade-risk": "too shallow: will fade",
  "blowout-risk": "too deep: will blur (blowout)",
  merge: "merges with a neighbour once healed",
  "grid-pattern": "too regular: reads as a grid",
  clumping: "clumped: dots bunch together",
  "off-shade": "shade does not match the hair",
  "wrong-needle": "needle not suited to this zone",
};

export const flagWords = (flags) => (flags.length ? flags.map((f) => FLAG_WORDS[f] || f).join("; ") : "no flags");

/** An instructor's verdict in words, as every console shows it. */
export const verdictWords = (verdict) => (verdict === "signed-off" ? "signed off" : "sent back");

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(title, description) {
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "plot" });
  root.append(svg("title", {}, title), svg("desc", {}, description));
  return root;
}

function axes(root, xLabel, yLabel, xTicks, yMax) {
  const x0 = M.left;
  const y0 = H - M.bottom;
  root.append(svg("line", { x1: x0, y1: y0, x2: W - M.right, y2: y0, class: "axis" }));
  root.append(svg("line", { x1: x0, y1: M.top, x2: x0, y2: y0, class: "axis" }));
  for (const [x, label] of xTicks) root.append(svg("text", { x, y: y0 + 13, class: "tick", "text-anchor": "middle" }, label));
  root.append(svg("text", { x: x0 - 4, y: M.top + 8, class: "tick", "text-anchor": "end" }, String(yMax)));
  root.append(svg("text", { x: x0 - 4, y: y0, class: "tick", "text-anchor": "end" }, "0"));
  root.append(svg("text", { x: (x0 + W - M.right) / 2, y: H - 4, class: "label", "text-anchor": "middle" }, xLabel));
  root.append(svg("text", { x: 10, y: M.top + (y0 - M.top) / 2, class: "label", transform: `rotate(-90 10 ${M.top + (y0 - M.top) / 2})`, "text-anchor": "middle" }, yLabel));
}

/** Histogram of values in [min, max] with a shaded target band [from, to]. */
export function histogram(values, { min, max, bins = 24, band, title, xLabel, unit = "" }) {
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * bins)))]++;
  const peak = Math.max(1, ...counts);
  const inBand = band ? values.filter((v) => v >= band.from && v <= band.to).length : 0;
  const description = band
    ? `${values.length} dots; ${inBand} (${pct(inBand, values.length)}) inside the target ${band.from.toFixed(2)}–${band.to.toFixed(2)}${unit}`
    : `${values.length} values`;
  const root = frame(title, description);
  const x = (v) => M.left + ((v - min) / (max - min)) * (W - M.left - M.right);
  const y = (c) => H - M.bottom - (c / peak) * (H - M.top - M.bottom);
  if (band) {
    root.append(svg("rect", { x: x(Math.max(min, band.from)), y: M.top, width: Math.max(0, x(Math.min(max, band.to)) - x(Math.max(min, band.from))), height: H - M.top - M.bottom, class: "band" }));
  }
  const width = (W - M.left - M.right) / bins;
  counts.forEach((c, i) => {
    if (c) root.append(svg("rect", { x: M.left + i * width + 0.5, y: y(c), width: width - 1, height: H - M.bottom - y(c), class: "bar" }));
  });
  axes(root, xLabel, "dots", [0, 0.25, 0.5, 0.75, 1].map((t) => [x(min + t * (max - min)), (min + t * (max - min)).toFixed(2)]), peak);
  return withCaption(root, description);
}

/** Bars per category with a target marker on each. */
export function bars(rows, { title, xLabel, yLabel, max = 1 }) {
  const description = rows.map((r) => `${r.label}: ${r.value.toFixed(2)}${r.target !== undefined ? ` (target ${r.target.toFixed(2)})` : ""}`).join("; ") || "no dots yet";
  const root = frame(title, description);
  const slot = (W - M.left - M.right) / Math.max(1, rows.length);
  const y = (v) => H - M.bottom - (Math.min(v, max) / max) * (H - M.top - M.bottom);
  rows.forEach((r, i) => {
    const x = M.left + i * slot;
    root.append(svg("rect", { x: x + slot * 0.2, y: y(r.value), width: slot * 0.6, height: H - M.bottom - y(r.value), class: "bar" }));
    if (r.target !== undefined) root.append(svg("line", { x1: x + slot * 0.1, x2: x + slot * 0.9, y1: y(r.target), y2: y(r.target), class: "target" }));
  });
  axes(root, xLabel, yLabel, rows.map((r, i) => [M.left + (i + 0.5) * slot, r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label]), max);
  return withCaption(root, description);
}

/** A time on the axis in the unit that suits the session's length: seconds under two minutes, else minutes. */
export function timeLabel(seconds, totalSeconds) {
  if (totalSeconds < 120) return `${Math.round(seconds)} s`;
  const minutes = seconds / 60;
  return `${totalSeconds < 600 ? minutes.toFixed(1) : Math.round(minutes)} min`;
}

/** Cumulative counts per series as steps at the times (seconds into the session) each event happened. */
export function lines(series, { title, xLabel, yLabel, seconds }) {
  const names = Object.keys(series);
  const peak = Math.max(1, ...names.map((n) => series[n].length));
  const description = names.length ? names.map((n) => `${FLAG_WORDS[n] || n}: ${series[n].length}`).join("; ") : "no flags so far";
  const root = frame(title, description);
  const x = (t) => M.left + (t / seconds) * (W - M.left - M.right);
  const y = (c) => H - M.bottom - (c / peak) * (H - M.top - M.bottom);
  names.forEach((name, k) => {
    let d = `M${x(0).toFixed(1)},${y(0).toFixed(1)}`;
    series[name].forEach((t, i) => { d += ` H${x(t).toFixed(1)} V${y(i + 1).toFixed(1)}`; });
    d += ` H${x(seconds).toFixed(1)}`;
    root.append(svg("path", { d, class: `series series-${k % 6}` }));
    root.append(svg("text", { x: W - M.right, y: M.top + 10 + k * 11, class: `legend series-${k % 6}`, "text-anchor": "end" }, name));
  });
  axes(root, xLabel, yLabel, [0, 0.5, 1].map((t) => [x(t * seconds), timeLabel(t * seconds, seconds)]), peak);
  return withCaption(root, description);
}

function withCaption(root, description) {
  const figure = document.createElement("figure");
  const caption = document.createElement("figcaption");
  caption.textContent = description;
  figure.append(root, caption);
  return figure;
}

const pct = (part, whole) => `${whole ? Math.round((100 * part) / whole) : 0}%`;
