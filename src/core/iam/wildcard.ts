/**
 * RAM's wildcards: `*` matches any run of characters (also none), `?` exactly one. Actions
 * compare case-insensitively, resources case-sensitively (the vendor's rule). Compiled patterns
 * are kept, bounded, since the same few patterns are matched on every request.
 */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 5000;

export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const cacheKey = (ignoreCase ? "i:" : "s:") + pattern;
  let re = compiled.get(cacheKey);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\/]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(cacheKey, re);
  }
  return re.test(value);
}

export const actionMatches = (pattern: string, action: string): boolean => wildcardMatch(pattern, action, true);
export const resourceMatches = (pattern: string, resource: string): boolean => wildcardMatch(pattern, resource, false);
