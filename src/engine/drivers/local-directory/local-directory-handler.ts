import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import type { AppliedResource, DesiredResource, DestroyOptions, ObservedResource } from "../driver.ts";
import { DRIVER_ERROR_CODES, terminalError } from "../driver-error.ts";
import type { ResourceHandler } from "../resource-handler.ts";
import { readJsonFile, writeJsonFileAtomic } from "../shared/json-file.ts";
import { PropertyReader } from "../shared/property-reader.ts";
import { KeyedSerialQueue, SerialQueue } from "../shared/serial-queue.ts";
import { specHash } from "../shared/spec-hash.ts";

export const LOCAL_DIRECTORY_TYPE = "Nestbox::Local::Directory";

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Which directory a resource owns, relative to the volumes directory. */
interface DirectoryClaim {
  readonly version: 1;
  readonly path: string;
}

/**
 * `Nestbox::Local::Directory`: a directory under `<dataDir>/volumes/`, by default named after the
 * key; property `Path` (relative, segments of letters, digits, `.`, `_`, `-`, none starting with
 * `.`) names it instead. Attribute `Path` is the absolute path. Two resources cannot own the same
 * or nested paths. Changing `Path` moves the directory. `destroy` removes it with its content
 * unless `deletionPolicy: "Retain"`, which only forgets the ownership.
 */
export class LocalDirectoryHandler implements ResourceHandler {
  readonly type = LOCAL_DIRECTORY_TYPE;
  private readonly volumes: string;
  private readonly claims: string;
  private readonly perKey = new KeyedSerialQueue();
  /** Claims are checked against each other, so applies run one at a time across keys. */
  private readonly claimQueue = new SerialQueue();

  constructor(options: { dataDir: string }) {
    this.volumes = join(options.dataDir, "volumes");
    this.claims = join(this.volumes, ".claims");
  }

  async apply(resource: DesiredResource): Promise<AppliedResource> {
    const relativePath = parseDirectoryPath(resource.key, resource.properties);
    return this.perKey.run(resource.key, () =>
      this.claimQueue.run(async () => {
        await this.assertUnclaimed(resource.key, relativePath);
        const previous = await this.readClaim(resource.key);
        const target = join(this.volumes, relativePath);
        await mkdir(this.claims, { recursive: true, mode: 0o700 });
        await writeJsonFileAtomic(this.claimFile(resource.key), { version: 1, path: relativePath } satisfies DirectoryClaim);
        if (previous && previous.path !== relativePath && (await exists(join(this.volumes, previous.path))) && !(await exists(target))) {
          await mkdir(dirname(target), { recursive: true });
          await rename(join(this.volumes, previous.path), target);
        }
        await mkdir(target, { recursive: true, mode: 0o750 });
        return result(target);
      }),
    );
  }

  async observe(key: string): Promise<ObservedResource | undefined> {
    const claim = await this.readClaim(key);
    if (!claim) return undefined;
    const path = join(this.volumes, claim.path);
    return {
      ...result(path),
      key,
      type: this.type,
      desiredState: "Running",
      ready: await exists(path),
      specHash: specHash({ path: claim.path }),
      replicas: [],
    };
  }

  destroy(key: string, options: DestroyOptions): Promise<void> {
    return this.perKey.run(key, async () => {
      const claim = await this.readClaim(key);
      if (!claim) return;
      if (options.deletionPolicy !== "Retain") await rm(join(this.volumes, claim.path), { recursive: true, force: true });
      await rm(this.claimFile(key), { force: true });
    });
  }

  private async assertUnclaimed(key: string, path: string): Promise<void> {
    let files: string[];
    try {
      files = await readdir(this.claims);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const file of files) {
      if (!file.endsWith(".json") || file === `${key}.json`) continue;
      const other = await readJsonFile<DirectoryClaim>(join(this.claims, file));
      if (other && overlaps(other.path, path)) {
        throw terminalError(
          DRIVER_ERROR_CODES.PATH_CONFLICT,
          `Path ${path} of ${this.type} ${key} overlaps ${other.path}, owned by ${file.slice(0, -".json".length)}.`,
        );
      }
    }
  }

  private readClaim(key: string): Promise<DirectoryClaim | undefined> {
    return readJsonFile<DirectoryClaim>(this.claimFile(key));
  }

  private claimFile(key: string): string {
    return join(this.claims, `${key}.json`);
  }
}

function parseDirectoryPath(key: string, properties: Readonly<Record<string, unknown>>): string {
  const p = new PropertyReader(LOCAL_DIRECTORY_TYPE, properties);
  p.allowOnly(["Path"]);
  const path = p.optionalString("Path");
  if (path === undefined) return key;
  const segments = path.split("/").filter((s) => s !== "");
  if (path.startsWith("/") || segments.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    throw p.invalid(
      `Property Path of ${LOCAL_DIRECTORY_TYPE} must be a relative path of letters, digits, '.', '_' and '-' (no segment starting with '.'), got ${JSON.stringify(path)}.`,
    );
  }
  return segments.join(sep);
}

const overlaps = (a: string, b: string) => a === b || a.startsWith(b + sep) || b.startsWith(a + sep);

const result = (path: string): AppliedResource => ({ physicalId: path, attributes: { Path: path }, secretAttributes: [] });

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}
