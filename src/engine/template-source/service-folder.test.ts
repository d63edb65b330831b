import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { captureTemplates } from "../../core/catalog/template-capture.ts";
import { buildContent } from "../../core/catalog/service-content.ts";
import { ServiceFolderError, readServiceFolder } from "./service-folder.ts";
import { UrlTemplateSource } from "./url-template-source.ts";

const EXAMPLE = resolve(import.meta.dirname, "../../../examples/hello-web");

test("the hello-web example reads into a valid ros service with its template inline", async () => {
  const manifest = await readServiceFolder(EXAMPLE);
  assert.equal(manifest.content.deployType, "ros");
  assert.equal(manifest.content.serviceInfos?.[0]?.name, "Hello Web");
  const content = buildContent(undefined, manifest.content);
  const templates = await captureTemplates(new UrlTemplateSource({ fileRoots: [] }), content);
  assert.deepEqual(Object.keys(templates), ["Default"]);
  assert.match(templates["Default"]!, /Nestbox::Local::Process/);
});

test("a folder without a manifest, or a template outside the folder, is refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-folder-"));
  try {
    await assert.rejects(readServiceFolder(dir), ServiceFolderError);
    mkdirSync(join(dir, "svc"));
    writeFileSync(join(dir, "outside.yaml"), "x: 1\n");
    writeFileSync(
      join(dir, "svc", "service.yaml"),
      "Service:\n  DeployType: ros\n  DeployMetadata:\n    TemplateConfigs:\n      - {Name: A, Url: ../outside.yaml}\n",
    );
    await assert.rejects(readServiceFolder(join(dir, "svc")), /outside the service folder/);
    await assert.rejects(readServiceFolder(join(dir, "missing")), /does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
