import { DRIVER_ERROR_CODES, terminalError } from "./driver-error.ts";

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Resource keys name files and directories under the data directory, so they are restricted to
 * a portable, traversal-free alphabet. Throws terminal `INVALID_KEY` otherwise.
 */
export function assertResourceKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || !KEY_PATTERN.test(key) || key.includes("..")) {
    throw terminalError(
      DRIVER_ERROR_CODES.INVALID_KEY,
      `Resource key ${JSON.stringify(key)} is not valid: use 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'.`,
    );
  }
}
