/** The parts of an HTTP request a signature covers, independent of the HTTP library. */
export interface SignedRequest {
  readonly method: string;
  /** Path as sent, without the query (still percent-encoded). */
  readonly rawPath: string;
  /** Decoded query pairs in wire order. */
  readonly query: readonly [string, string][];
  /** Decoded form-body pairs (application/x-www-form-urlencoded), empty otherwise. */
  readonly form: readonly [string, string][];
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export const header = (req: SignedRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
};
