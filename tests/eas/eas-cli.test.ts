// `nestbox eas services ...` and `nestbox eas instances ...` against a real server.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nestbox } from "../cli/cli-harness.ts";
import { AK, echoSpec, SECRET, startEasServer, waitFor, type EasTestServer } from "./eas-harness.ts";

describe("nestbox eas", () => {
  let t: EasTestServer;
  let env: Record<string, string>;
  let specFile = "";
  const run = (...argv: string[]) => nestbox(env, "--output", "json", ...argv);

  before(async () => {
    t = await startEasServer();
    const dir = mkdtempSync(join(tmpdir(), "nestbox-eas-cli-"));
    const credentials = join(dir, "credentials.json");
    writeFileSync(credentials, JSON.stringify({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `http://127.0.0.1:${t.port}` }));
    specFile = join(dir, "spec.json");
    writeFileSync(specFile, JSON.stringify(echoSpec("cli_echo", 2)));
    env = { NESTBOX_CREDENTIALS: credentials, NESTBOX_DEFAULT_REGION: "cn-hangzhou" };
  });
  after(() => t.close());

  test("services create, describe until Running, list, instances list/isolate/restart, scale, delete", async () => {
    const created = await run("--credentials", env.NESTBOX_CREDENTIALS!, "eas", "services", "create", "-f", specFile, "-l", "team=ml");
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.json().ServiceName, "cli_echo");
    const c = ["--credentials", env.NESTBOX_CREDENTIALS!];
    await waitFor(async () => (await run(...c, "eas", "services", "describe", "cli_echo")).json(), (s) => s.Status === "Running", 60_000, "Running");
    const table = await nestbox(env, ...c, "eas", "services", "list");
    assert.match(table.stdout, /cli_echo\s+Running\s+2\/2/);
    const list = (await run(...c, "eas", "instances", "list", "cli_echo")).json();
    assert.equal(list.TotalCount, 2);
    const name = list.Instances[0].InstanceName;
    assert.equal((await run(...c, "eas", "instances", "isolate", "cli_echo", name)).code, 0);
    assert.equal((await run(...c, "eas", "instances", "list", "cli_echo", "--filter", name)).json().Instances[0].Isolated, true);
    assert.equal((await run(...c, "eas", "instances", "restart", "cli_echo", name, "--soft")).code, 0);
    assert.equal((await run(...c, "eas", "services", "scale", "cli_echo", "3")).code, 0);
    await waitFor(async () => (await run(...c, "eas", "services", "describe", "cli_echo")).json(), (s) => s.Status === "Running" && s.TotalInstance === 3, 60_000, "3 instances");
    const logs = await nestbox(env, ...c, "eas", "services", "logs", "cli_echo", "--keyword", "listening");
    assert.match(logs.stdout, /echo server listening/);
    const missing = await run(...c, "eas", "services", "describe", "nope");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /InvalidService\.NotFound/);
    assert.equal((await run(...c, "eas", "services", "delete", "cli_echo")).code, 0);
  });
});
