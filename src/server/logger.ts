import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";
import type { LogLevel } from "./config.ts";

const REDACTED = "[Redacted]";

/** Query and form parameters whose values are credentials (RPC V1 signs in the query; RAM's Password). */
const SECRET_PARAMS = /^(signature|securitytoken|bearertoken|accesskeysecret|x-acs-security-token|password)$/i;

/**
 * Paths pino blanks before writing. Access key secrets, Authorization headers and the master key
 * never reach a log line, whichever object carries them.
 */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers['x-acs-security-token']",
  "headers.authorization",
  "authorization",
  "secret",
  "accessKeySecret",
  "AccessKeySecret",
  "masterKey",
  "password",
  "*.secret",
  "*.accessKeySecret",
  "*.AccessKeySecret",
  "*.masterKey",
  "*.password",
  "*.authorization",
  "*.Authorization",
  "*.*.secret",
  "*.*.accessKeySecret",
];

/** The server's root logger: JSON lines, secrets redacted, request URLs without signatures. */
export function createLogger(level: LogLevel, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { service: "nestbox" },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        req: (req: { method?: string; url?: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: req.url === undefined ? undefined : redactUrl(req.url),
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** `/?Action=X&Signature=abc` -> `/?Action=X&Signature=[Redacted]`; the rest of the URL as sent. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // Malformed escapes: compare the raw name.
      }
      return SECRET_PARAMS.test(name) ? `${rawName}=${REDACTED}` : pair;
    });
  return url.slice(0, q + 1) + pairs.join("&");
}
