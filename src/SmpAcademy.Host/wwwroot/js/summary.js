// A session's plots from its recorded dots and the skin's targets. The scores themselves come from the
// server (recorded with each dot); only the pictures are made here.
import { bars, histogram, lines } from "./plots.js";

/** Distance from each dot to its nearest other dot in the same session, on a hashed grid (O(n)). */
export function nearestNeighbourMm(dots, cell = 2) {
  const grid = new Map();
  const key = (i, j) => `${i},${j}`;
  dots.forEach((d, n) => {
    const k = key(Math.floor(d.x / cell), Math.floor(d.y / cell));
    if (!grid.has(k)) grid.set(k, []);
    grid.get(k).push(n);
  });
  return dots.map((d, n) => {
    const ci = Math.floor(d.x / cell);
    const cj = Math.floor(d.y / cell);
    let best = Infinity;
    for (let ring = 1; ring <= 8 && best > (ring - 1) * cell; ring++) {
      for (let i = ci - ring; i <= ci + ring; i++) {
        for (let j = cj - ring; j <= cj + ring; j++) {
          for (const m of grid.get(key(i, j)) || []) {
            if (m !== n) best = Math.min(best, Math.hypot(dots[m].x - d.x, dots[m].y - d.y));
          }
        }
      }
    }
    return best;
  }).filter(Number.isFinite);
}

export function sessionPlots(container, dots, skin) {
  container.replaceChildren();
  if (!dots.length) {
    container.textContent = "No dots recorded in this session.";
    return;
  }
  const band = skin.depthBand;
  container.append(
    histogram(dots.map((d) => d.depthMm), { min: 0, max: 1.5, band: { from: band.from, to: band.to }, title: "Depth against the target band", xLabel: "depth (mm)", unit: " mm" }),
  );

  const gaps = nearestNeighbourMm(dots);
  const used = new Set(dots.map((d) => d.zone));
  const zones = skin.zones.filter((z) => used.has(z.id));
  const gap = zones.length ? zones.reduce((sum, z) => sum + z.targetGapMm, 0) / zones.length : 1;
  const top = Math.max(gap * 2.5, 1);
  container.append(
    histogram(gaps.map((g) => Math.min(g, top)), { min: 0, max: top, band: { from: gap * 0.85, to: top }, title: "Nearest-neighbour spacing against the target gap", xLabel: "distance to nearest dot (mm)", unit: " mm" }),
  );

  const byZone = zones.map((z) => {
    const mine = dots.filter((d) => d.zone === z.id);
    return { label: z.id, value: mine.reduce((s, d) => s + d.shade, 0) / mine.length, target: z.targetShade };
  });
  container.append(bars(byZone, { title: "Shade by zone against the target shade", xLabel: "zone", yLabel: "shade", max: 1 }));

  // Each flag at the second its dot was placed, on an axis as long as the session really was.
  const start = Date.parse(dots[0].at);
  const seconds = Math.max(1, (Date.parse(dots.at(-1).at) - start) / 1000);
  const series = {};
  for (const d of dots) {
    for (const flag of d.flags) (series[flag] ??= []).push((Date.parse(d.at) - start) / 1000);
  }
  container.append(lines(series, { title: "Flags over time", xLabel: "time into the session", yLabel: "flags so far", seconds }));
}
