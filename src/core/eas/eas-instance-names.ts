import { createHash } from "node:crypto";

/** Kubernetes' safe alphabet for generated name parts (no vowels, no look-alikes). */
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Names are derived on every list and invocation: remembered (bounded) instead of re-hashed. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 250_000;

function encode(seed: string, length: number): string {
  const key = `${length}:${seed}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const bytes = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, out);
  return out;
}

/**
 * The pod-style instance name of A.4.2 (`foo-5fc8946767-v7x2k`): the service name, a
 * 10-character hash of what the instance runs (like Kubernetes' pod-template-hash, so a new
 * version gives new names) and a 5-character suffix of the slot and its generation (a recreated
 * instance gets a new name, a restarted process keeps it).
 */
export function instanceName(serviceName: string, serviceId: string, slot: number, generation: number, specHash: string): string {
  return `${serviceName.replace(/_/g, "-")}-${encode(`${serviceId}/${specHash}`, 10)}-${encode(`${serviceId}/${slot}/${generation}`, 5)}`;
}
