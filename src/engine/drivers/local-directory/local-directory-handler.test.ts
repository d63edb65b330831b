import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DriverError } from "../driver-error.ts";
import { LocalDirectoryHandler } from "./local-directory-handler.ts";

const withHandler = async (fn: (dataDir: string, h: LocalDirectoryHandler) => Promise<void>) => {
  const dataDir = mkdtempSync(join(tmpdir(), "nestbox-dir-"));
  try {
    await fn(dataDir, new LocalDirectoryHandler({ dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const rejectsWith = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof DriverError && e.code === code && !e.retryable);

test("creates <dataDir>/volumes/<key>, reports it as Path, and removes it with its content on destroy", () =>
  withHandler(async (dataDir, h) => {
    const applied = await h.apply({ key: "si-1.Data", type: h.type, properties: {} });
    const path = join(dataDir, "volumes", "si-1.Data");
    assert.deepEqual(applied.attributes, { Path: path });
    assert.equal(applied.physicalId, path);
    writeFileSync(join(path, "db.sqlite"), "data");
    await h.apply({ key: "si-1.Data", type: h.type, properties: {} });
    assert.equal(readFileSync(join(path, "db.sqlite"), "utf8"), "data", "applying again keeps the content");
    await h.destroy("si-1.Data", {});
    assert.equal(existsSync(path), false);
    assert.equal(await h.observe("si-1.Data"), undefined);
    await h.destroy("si-1.Data", {});
  }));

test("Retain keeps the directory and its content but forgets the owner", () =>
  withHandler(async (_dataDir, h) => {
    const { attributes } = await h.apply({ key: "si-1.Data", type: h.type, properties: { Path: "shared/db" } });
    writeFileSync(join(attributes["Path"] as string, "keep"), "1");
    await h.destroy("si-1.Data", { deletionPolicy: "Retain" });
    assert.equal(existsSync(join(attributes["Path"] as string, "keep")), true);
    assert.equal(await h.observe("si-1.Data"), undefined);
    const adopted = await h.apply({ key: "si-2.Data", type: h.type, properties: { Path: "shared/db" } });
    assert.equal(adopted.attributes["Path"], attributes["Path"], "another resource may take the retained data over");
  }));

test("a changed Path moves the directory with its content", () =>
  withHandler(async (dataDir, h) => {
    await h.apply({ key: "si-1.Data", type: h.type, properties: { Path: "old" } });
    writeFileSync(join(dataDir, "volumes", "old", "f"), "x");
    const moved = await h.apply({ key: "si-1.Data", type: h.type, properties: { Path: "new/place" } });
    assert.equal(readFileSync(join(moved.attributes["Path"] as string, "f"), "utf8"), "x");
    assert.equal(existsSync(join(dataDir, "volumes", "old")), false);
  }));

test("paths owned by another resource, nested in one, or escaping the volumes dir are refused", () =>
  withHandler(async (_dataDir, h) => {
    await h.apply({ key: "si-1.Data", type: h.type, properties: { Path: "app/data" } });
    await rejectsWith(h.apply({ key: "si-2.Data", type: h.type, properties: { Path: "app/data" } }), "PATH_CONFLICT");
    await rejectsWith(h.apply({ key: "si-2.Data", type: h.type, properties: { Path: "app" } }), "PATH_CONFLICT");
    await rejectsWith(h.apply({ key: "si-2.Data", type: h.type, properties: { Path: "app/data/sub" } }), "PATH_CONFLICT");
    for (const Path of ["../etc", "/etc", "a/../../b", ".claims", "a/.hidden", ""]) {
      await rejectsWith(h.apply({ key: "si-3.Data", type: h.type, properties: { Path } }), "INVALID_PROPERTIES");
    }
    await rejectsWith(h.apply({ key: "si-3.Data", type: h.type, properties: { Size: 10 } }), "INVALID_PROPERTIES");
  }));
