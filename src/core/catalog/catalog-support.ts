import { createHash } from "node:crypto";
import { canonicalJson } from "../shared/canonical-json.ts";
import type { PageRequest } from "../shared/page.ts";
import { badArgument } from "./catalog-errors.ts";
import type { Service } from "./service.ts";
import { DRAFT_VERSION, type ServiceVersion } from "./service-version.ts";

/** Compute Nest paging (ALIBABA.md 2.4): MaxResults default 20, at most 100. */
export const DEFAULT_MAX_RESULTS = 20;
export const MAX_MAX_RESULTS = 100;

/** Validates paging input; throws InvalidArgument naming MaxResults. */
export function pageRequest(maxResults: number | undefined, nextToken: string | undefined): PageRequest {
  const max = maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_MAX_RESULTS) {
    throw badArgument("MaxResults", `MaxResults must be an integer from 1 to ${MAX_MAX_RESULTS}.`);
  }
  return { maxResults: max, nextToken: nextToken || undefined };
}

/** Stable hash of a request (keys sorted), for ClientToken idempotency. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** The next state of a service row: same identity, one revision later. */
export const nextRevision = (service: Service, patch: Partial<Service>, now: Date): Service => ({
  ...service,
  ...patch,
  revision: service.revision + 1,
  updatedAt: now,
});

const live = (v: ServiceVersion) => v.status !== "Deleted" && !v.deletedAt;

/**
 * The default version after `changed` replaced its old self (Service.defaultVersion's invariant):
 * keep the current default while it is live and either Online or no version is Online; else the
 * newest Online version, else the newest live numbered version, else the draft.
 * Returns undefined when no live version is left.
 */
export function chooseDefaultVersion(current: string, versions: readonly ServiceVersion[]): string | undefined {
  const alive = versions.filter(live);
  const online = alive.filter((v) => v.status === "Online").sort((a, b) => b.seq - a.seq);
  const cur = alive.find((v) => v.version === current);
  if (cur && (cur.status === "Online" || online.length === 0)) return current;
  if (online.length > 0) return online[0]!.version;
  const numbered = alive.filter((v) => v.version !== DRAFT_VERSION).sort((a, b) => b.seq - a.seq);
  if (numbered.length > 0) return numbered[0]!.version;
  return alive.find((v) => v.version === DRAFT_VERSION)?.version;
}

/** Replaces the entries of `versions` that `changed` names (by version string). */
export const withChanged = (versions: readonly ServiceVersion[], ...changed: ServiceVersion[]): ServiceVersion[] => {
  const byName = new Map(changed.map((v) => [v.version, v]));
  const out = versions.map((v) => byName.get(v.version) ?? v);
  for (const v of changed) if (!versions.some((x) => x.version === v.version)) out.push(v);
  return out;
};

export const isLive = live;
