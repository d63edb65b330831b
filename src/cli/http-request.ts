import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { CliError } from "./cli-error.ts";

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

const TIMEOUT_MS = 30_000;

/**
 * One HTTP exchange with exactly the headers given (the Host header is signed, so no library may
 * rewrite it). A server that cannot be reached becomes a CliError that says so.
 */
export function sendRequest(
  endpoint: URL,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<HttpResponse> {
  const send = endpoint.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        protocol: endpoint.protocol,
        hostname: endpoint.hostname.replace(/^\[|\]$/g, ""),
        port: endpoint.port || (endpoint.protocol === "https:" ? 443 : 80),
        method,
        path: pathAndQuery,
        headers: { ...headers, "content-length": String(body.length) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (e: NodeJS.ErrnoException) => {
      const unreachable = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "EADDRNOTAVAIL"];
      const hint = unreachable.includes(e.code ?? "")
        ? " Is the server running? Start it with `nestbox serve` (or `npm start`)."
        : "";
      reject(new CliError(`Cannot reach nestbox at ${endpoint.origin}: ${e.code ?? e.message}.${hint}`));
    });
    req.end(body);
  });
}
