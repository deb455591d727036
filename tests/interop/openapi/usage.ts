// A small client written against the TypeScript types openapi-typescript generates from /openapi/v1.json
// (as api.d.ts beside this file). It must compile with no hand edits to the generated file: numbers are numbers,
// refusals are problems with a code, the bundle download has its content type.
import type { components, paths } from "./api";

type Dot = components["schemas"]["DotPlacement"];
type PlaceDot = paths["/api/sessions/{sessionId}/dots"]["post"];
type Scored = PlaceDot["responses"][200]["content"]["application/json"];
type SessionDot = paths["/api/sessions/{sessionId}"]["get"]["responses"][200]["content"]["application/json"]["dots"][number];
type Refused = PlaceDot["responses"][400]["content"]["application/problem+json"];
type TooMany = PlaceDot["responses"][429]["content"]["application/problem+json"];
type Start = NonNullable<paths["/api/trainees/{traineeId}/sessions"]["post"]["requestBody"]>["content"]["application/json"];
type Bundle = paths["/api/audit/candidates/{traineeId}/bundle"]["get"]["responses"][200]["content"]["application/zip"];

export const dot: Dot = { x: 10, y: 12.5, needle: "1rl", depthMm: 0.9, shade: 0.3 };

// @ts-expect-error a coordinate is a number, never a string
export const stringly: Dot = { ...dot, x: "10" };

export const start: Start = { exerciseId: "depth-ladder" };

export function scoreSum(scored: Scored): number {
  return scored.depthScore + scored.spacingScore + scored.shadeScore;
}

// One record for a scored dot: the answer to a placement and a dot read back from the session are the same type.
export const asRead = (scored: Scored): SessionDot => scored;
export const asPlaced = (read: SessionDot): Scored => read;
export const pigment = (scored: Scored): number => scored.shade;

export function refusalCode(problem: Refused | TooMany): string {
  return problem.code;
}

export function sessionPath(sessionId: PlaceDot["parameters"]["path"]["sessionId"]): string {
  return `/api/sessions/${sessionId}/dots`;
}

export type BundleDownload = Bundle;
