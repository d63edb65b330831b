import { createHash } from "node:crypto";

/** Key order does not matter: `{a, b}` and `{b, a}` hash alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** 16 hex characters identifying a normalized spec; equal specs give equal hashes. */
export const specHash = (spec: unknown): string =>
  createHash("sha256").update(JSON.stringify(canonical(spec))).digest("hex").slice(0, 16);
