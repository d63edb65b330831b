/** A page of results with an opaque continuation token ("" on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string;
  readonly totalCount: number;
}

export interface PageRequest {
  /** 1..100 */
  readonly maxResults: number;
  /** Opaque token from a previous page, or "" / undefined for the first page. */
  readonly nextToken?: string;
}

/** Keyset tokens: base64 of the last row's sort key, so a page costs the same at any depth. */
export const encodePageToken = (key: string): string => Buffer.from(key, "utf8").toString("base64");
export const decodePageToken = (token: string | undefined): string | undefined =>
  token ? Buffer.from(token, "base64").toString("utf8") : undefined;
