import type { Cipher } from "../../core/shared/cipher.ts";
import { systemClock, type Clock } from "../../core/shared/clock.ts";
import { silentLogger, type Logger } from "../../core/shared/logger.ts";
import type { Driver } from "./driver.ts";
import { LocalDirectoryHandler, LOCAL_DIRECTORY_TYPE } from "./local-directory/local-directory-handler.ts";
import { LocalProcessHandler, type LocalProcessOptions } from "./local-process/local-process-handler.ts";
import { LOCAL_PROCESS_TYPE } from "./local-process/process-spec.ts";
import { RandomStringHandler } from "./random-string/random-string-handler.ts";
import { RANDOM_STRING_TYPE } from "./random-string/random-string-spec.ts";
import { HandlerDriver } from "./resource-handler.ts";

export { LOCAL_PROCESS_TYPE, LOCAL_DIRECTORY_TYPE, RANDOM_STRING_TYPE };
export type { LocalProcessOptions };

/** The resource types of the embedded `local` driver. */
export const LOCAL_RESOURCE_TYPES = [LOCAL_PROCESS_TYPE, RANDOM_STRING_TYPE, LOCAL_DIRECTORY_TYPE] as const;

export interface LocalDriverOptions {
  /** nestbox's data directory; the driver uses `runtime/`, `volumes/` and `random-strings/` in it. */
  readonly dataDir: string;
  /** Seals generated secrets (random strings) at rest. */
  readonly cipher: Cipher;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly process?: LocalProcessOptions;
}

/**
 * The embedded `local` driver: `Nestbox::Local::Process` (replicas of a command on this host),
 * `Nestbox::Random::String` and `Nestbox::Local::Directory`. Call `open()` before use (or use
 * `openLocalDriver`); `close()` leaves processes running for the next nestbox to re-adopt.
 */
export function createLocalDriver(options: LocalDriverOptions): Driver {
  const clock = options.clock ?? systemClock;
  const logger = (options.logger ?? silentLogger).child({ driver: "local" });
  return new HandlerDriver("local", [
    new LocalProcessHandler({ dataDir: options.dataDir, clock, logger, ...(options.process ? { process: options.process } : {}) }),
    new RandomStringHandler({ dataDir: options.dataDir, cipher: options.cipher, clock }),
    new LocalDirectoryHandler({ dataDir: options.dataDir }),
  ]);
}

/** `createLocalDriver` then `open()`: replicas left by an earlier nestbox are re-adopted. */
export async function openLocalDriver(options: LocalDriverOptions): Promise<Driver> {
  const driver = createLocalDriver(options);
  await driver.open();
  return driver;
}
