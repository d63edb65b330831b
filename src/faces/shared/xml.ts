import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false, processEntities: true });

/**
 * Alibaba XML (ALIBABA.md 2.2): the root element named by the caller, children in field order,
 * an array as repeated elements named after its field, null/undefined fields left out.
 */
export function toXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>` + builder.build({ [root]: dropEmpty(body) });
}

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = dropEmpty(v);
    return out;
  }
  return value;
}
