import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { UrlTemplateSource } from "./url-template-source.ts";

const TEMPLATE = "ROSTemplateFormatVersion: '2015-09-01'\nResources: {}\n";

describe("UrlTemplateSource over http", () => {
  let server: Server;
  let base = "";
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === "/t.yaml") return res.end(TEMPLATE);
      if (req.url === "/big") return res.end("x".repeat(2000));
      if (req.url === "/slow") return setTimeout(() => res.end(TEMPLATE), 20_000).unref();
      if (req.url === "/moved") {
        res.writeHead(302, { location: "/t.yaml" });
        return res.end();
      }
      res.writeHead(404);
      res.end("missing");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  // A generous timeout for the answers that come, a short one only where the timeout is the point.
  const source = (timeoutMs = 10_000) => new UrlTemplateSource({ fileRoots: [], timeoutMs, maxBytes: 1000 });

  test("reads a template and follows redirects", async () => {
    assert.equal(await source().read(`${base}/t.yaml`), TEMPLATE);
    assert.equal(await source().read(`${base}/moved`), TEMPLATE);
  });

  test("an HTTP error, a slow server and an oversized body are reported as such", async () => {
    await assert.rejects(source().read(`${base}/nope`), /HTTP 404/);
    await assert.rejects(source(300).read(`${base}/slow`), /no answer within 300 ms/);
    await assert.rejects(source().read(`${base}/big`), /larger than 1000 bytes/);
  });

  test("unsupported schemes and junk are refused", async () => {
    await assert.rejects(source().read("oss://bucket/t.json"), /scheme oss: is not supported/);
    await assert.rejects(source().read("not a url"), /not valid/);
  });
});

describe("UrlTemplateSource over file:", () => {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-tpl-"));
  const root = join(dir, "root");
  const outside = join(dir, "outside.yaml");
  before(() => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "t.yaml"), TEMPLATE);
    writeFileSync(outside, TEMPLATE);
    symlinkSync(outside, join(root, "link.yaml"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("reads files under an allowed root only, symlinks resolved", async () => {
    const src = new UrlTemplateSource({ fileRoots: [root] });
    assert.equal(await src.read(pathToFileURL(join(root, "t.yaml")).href), TEMPLATE);
    await assert.rejects(src.read(pathToFileURL(outside).href), /outside the directories/);
    await assert.rejects(src.read(pathToFileURL(join(root, "link.yaml")).href), /outside the directories/);
    await assert.rejects(src.read(pathToFileURL(join(root, "none.yaml")).href), /does not exist/);
  });

  test("file: URLs are refused when no root is configured", async () => {
    await assert.rejects(new UrlTemplateSource({ fileRoots: [] }).read(pathToFileURL(join(root, "t.yaml")).href), /not allowed/);
  });
});

