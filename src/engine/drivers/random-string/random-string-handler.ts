import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import type { Cipher } from "../../../core/shared/cipher.ts";
import type { Clock } from "../../../core/shared/clock.ts";
import type { AppliedResource, DesiredResource, ObservedResource } from "../driver.ts";
import { DRIVER_ERROR_CODES, terminalError } from "../driver-error.ts";
import type { ResourceHandler } from "../resource-handler.ts";
import { readJsonFile, writeJsonFileAtomic } from "../shared/json-file.ts";
import { KeyedSerialQueue } from "../shared/serial-queue.ts";
import { specHash } from "../shared/spec-hash.ts";
import { parseRandomStringSpec, RANDOM_STRING_TYPE, type RandomStringSpec } from "./random-string-spec.ts";

interface StoredRandomString {
  readonly version: 1;
  readonly specHash: string;
  /** The value, sealed with the driver's cipher: never on disk in the clear. */
  readonly sealed: string;
  readonly createdAt: string;
}

const SECRET_ATTRIBUTES = ["Value"] as const;

/**
 * `Nestbox::Random::String`: a random value generated once per key and kept, sealed, in
 * `<dataDir>/random-strings/<key>.json`. Applying again returns the same value; changing the
 * properties (length, characters) generates a new one. Attribute `Value`, marked secret.
 */
export class RandomStringHandler implements ResourceHandler {
  readonly type = RANDOM_STRING_TYPE;
  private readonly dir: string;
  private readonly cipher: Cipher;
  private readonly clock: Clock;
  private readonly queue = new KeyedSerialQueue();

  constructor(options: { dataDir: string; cipher: Cipher; clock: Clock }) {
    this.dir = join(options.dataDir, "random-strings");
    this.cipher = options.cipher;
    this.clock = options.clock;
  }

  async apply(resource: DesiredResource): Promise<AppliedResource> {
    const spec = parseRandomStringSpec(resource.properties);
    const hash = specHash(spec);
    return this.queue.run(resource.key, async () => {
      const stored = await this.read(resource.key);
      if (stored && stored.specHash === hash) return this.result(resource.key, this.unseal(resource.key, stored));
      const value = generate(spec);
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const record: StoredRandomString = {
        version: 1,
        specHash: hash,
        sealed: this.cipher.seal(value),
        createdAt: this.clock.now().toISOString(),
      };
      await writeJsonFileAtomic(this.file(resource.key), record);
      return this.result(resource.key, value);
    });
  }

  async observe(key: string): Promise<ObservedResource | undefined> {
    const stored = await this.read(key);
    if (!stored) return undefined;
    return {
      ...this.result(key, this.unseal(key, stored)),
      key,
      type: this.type,
      desiredState: "Running",
      ready: true,
      specHash: stored.specHash,
      replicas: [],
    };
  }

  destroy(key: string): Promise<void> {
    return this.queue.run(key, () => rm(this.file(key), { force: true }));
  }

  private result(key: string, value: string): AppliedResource {
    return { physicalId: key, attributes: { Value: value }, secretAttributes: SECRET_ATTRIBUTES };
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  private read(key: string): Promise<StoredRandomString | undefined> {
    return readJsonFile<StoredRandomString>(this.file(key));
  }

  private unseal(key: string, stored: StoredRandomString): string {
    try {
      return this.cipher.open(stored.sealed);
    } catch (e) {
      throw terminalError(
        DRIVER_ERROR_CODES.SECRET_UNREADABLE,
        `The value of ${this.type} ${key} cannot be unsealed (was the master key changed?): ${(e as Error).message}`,
        e,
      );
    }
  }
}

function generate(spec: RandomStringSpec): string {
  let out = "";
  for (let i = 0; i < spec.length; i++) out += spec.characters[randomInt(0, spec.characters.length)];
  return out;
}
