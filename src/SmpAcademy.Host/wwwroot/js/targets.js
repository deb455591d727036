// What the skin asks for where the trainee works: the zone's target gap and shade, the depth band, and the needles
// that suit the zone (a needle that does not is flagged wrong-needle), so the tools can start on target.
import { fixed } from "./session.js";
import { zoneAt } from "./skin.js";

export function targetsAt(skin, x, y) {
  const zone = zoneAt(skin, x, y);
  return { zone, needles: skin.needles.filter((n) => n.suitedZones.includes(zone.kind)), band: skin.depthBand };
}

export function targetWords({ zone, needles, band }) {
  const suited = needles.map((n) => n.id).join(", ") || "none of this rubric's";
  return `Here: ${zone.id} (${zone.kind}). Target gap ${fixed(zone.targetGapMm, 2)} mm, shade ${fixed(zone.targetShade, 2)}, ` +
    `depth ${fixed(band.from, 2)}–${fixed(band.to, 2)} mm; needles that suit it: ${suited}.`;
}

/** Sets the needle (kept if it already suits), depth (the middle of the band) and shade controls to the targets. */
export function setTools(targets, { needle, depth, shade }) {
  if (targets.needles.length && !targets.needles.some((n) => n.id === needle.value)) needle.value = targets.needles[0].id;
  depth.value = String(Math.round(((targets.band.from + targets.band.to) / 2) * 100) / 100);
  shade.value = String(Math.round(targets.zone.targetShade * 100) / 100);
  for (const control of [depth, shade]) control.dispatchEvent(new Event("input"));
}
