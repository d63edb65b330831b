import { randomBytes, randomInt } from "node:crypto";

/** `<prefix>-` + 20 lower-case hex characters, the shape of Compute Nest ids (service-…, si-…). */
export const newPrefixedId = (prefix: string): string => `${prefix}-${randomBytes(10).toString("hex")}`;

/**
 * Numeric account ids look like Alibaba's 16-digit UIDs and stay below 2^53 so every client's
 * plain JSON.parse reads them exactly.
 */
export const newAccountId = (): string => String(1_000_000_000_000_000 + randomInt(0, 2 ** 47) * 31);

/** Upper-case UUID, the shape of Alibaba RequestIds. */
export const newRequestId = (): string => crypto.randomUUID().toUpperCase();

/** Access key ids look like Alibaba's: `LTAI` + 20 alphanumerics. */
export const newAccessKeyId = (): string => "LTAI" + randomAlphanumeric(20);

/** 30 alphanumerics, like an Alibaba AccessKeySecret. */
export const newAccessKeySecret = (): string => randomAlphanumeric(30);

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(0, ALPHANUMERIC.length)];
  return out;
}
