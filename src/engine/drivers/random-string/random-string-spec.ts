import { PropertyReader } from "../shared/property-reader.ts";

export const RANDOM_STRING_TYPE = "Nestbox::Random::String";

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
/** Punctuation without quotes, backslash, backtick or space, so values survive shells and env files. */
export const SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

export const CHARSETS: Readonly<Record<string, string>> = {
  Alphanumeric: UPPER + LOWER + DIGITS,
  Letters: UPPER + LOWER,
  Lowercase: LOWER,
  Uppercase: UPPER,
  Digits: DIGITS,
  Hex: DIGITS + "abcdef",
};

export interface RandomStringSpec {
  readonly length: number;
  /** The exact characters to draw from, each equally likely. */
  readonly characters: string;
}

/**
 * Properties of `Nestbox::Random::String`:
 * - `Length` integer 1..4096, default 16;
 * - `Charset` one of Alphanumeric (default), Letters, Lowercase, Uppercase, Digits, Hex;
 * - `Symbols` boolean, default false: add the punctuation in `SYMBOLS` to the charset;
 * - `Characters` string: draw from exactly these characters instead (excludes Charset/Symbols).
 */
export function parseRandomStringSpec(properties: Readonly<Record<string, unknown>>): RandomStringSpec {
  const p = new PropertyReader(RANDOM_STRING_TYPE, properties);
  p.allowOnly(["Length", "Charset", "Symbols", "Characters"]);
  const length = p.integer("Length", { min: 1, max: 4096 }, 16);
  if (p.has("Characters")) {
    if (p.has("Charset") || p.has("Symbols")) {
      throw p.invalid(`Property Characters of ${RANDOM_STRING_TYPE} cannot be combined with Charset or Symbols.`);
    }
    const characters = [...new Set(p.string("Characters"))].join("");
    if (characters.length < 2) throw p.invalid(`Property Characters of ${RANDOM_STRING_TYPE} needs at least 2 distinct characters.`);
    return { length, characters };
  }
  const charset = p.string("Charset", "Alphanumeric");
  const base = CHARSETS[charset];
  if (base === undefined) {
    throw p.invalid(`Property Charset of ${RANDOM_STRING_TYPE} must be one of ${Object.keys(CHARSETS).join(", ")}, got ${JSON.stringify(charset)}.`);
  }
  return { length, characters: p.boolean("Symbols", false) ? base + SYMBOLS : base };
}
