import { randomBytes, randomInt } from "node:crypto";

/**
 * Marketplace ids are numbers on the wire (ALIBABA.md 5.1): kept as digit strings in the
 * domain and below 2^53 so every client's plain JSON.parse reads them exactly.
 */
export const newMarketInstanceId = (): string => String(1_000_000_000 + randomInt(0, 2 ** 47));

/** 15 digits, the shape of the vendor's order ids (204605827111111). */
export const newMarketOrderId = (): string => String(200_000_000_000_000 + randomInt(0, 2 ** 47));

/** A licence code: five groups of four upper-case hex characters. */
export const newLicenseCode = (): string =>
  randomBytes(10)
    .toString("hex")
    .toUpperCase()
    .match(/.{4}/g)!
    .join("-");
