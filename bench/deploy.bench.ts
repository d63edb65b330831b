// Deploy throughput: 200 instances of a one-process template created at once, time until all are
// Deployed, against the same 200 processes started directly by the local driver (no control plane).
// nestbox's overhead per instance = (nestbox time - direct time) / 200.
// `node --import tsx bench/deploy.bench.ts [count]`
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openLocalDriver } from "../src/engine/drivers/local-driver.ts";
import { AesGcmCipher } from "../src/storage/crypto/aes-gcm-cipher.ts";
import { engineContext } from "../tests/engine/instances/engine-context.ts";

const COUNT = Number(process.argv[2] ?? 200);
const ARGS = ["-e", "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT)"];
const TEMPLATE = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Replicas: {Type: Number, Default: 1}
Resources:
  Web:
    Type: Nestbox::Local::Process
    Properties:
      Command: node
      Args: ${JSON.stringify(ARGS)}
      Replicas: {Ref: Replicas}
      ReadinessCheck: {Http: /}
Outputs:
  Url: {Value: {'Fn::GetAtt': [Web, Url]}}
`;

async function direct(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-deploy-direct-"));
  const driver = await openLocalDriver({ dataDir: dir, cipher: new AesGcmCipher(Buffer.alloc(32, 1)) });
  try {
    const t = performance.now();
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        driver.apply({ key: `direct-${i}.Web`, type: "Nestbox::Local::Process", properties: { Command: "node", Args: ARGS, Replicas: 1, ReadinessCheck: { Http: "/" } } }),
      ),
    );
    const ms = performance.now() - t;
    await Promise.all(Array.from({ length: COUNT }, (_, i) => driver.destroy({ key: `direct-${i}.Web`, type: "Nestbox::Local::Process" })));
    return ms;
  } finally {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function throughNestbox(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-deploy-"));
  const driver = await openLocalDriver({ dataDir: dir, cipher: new AesGcmCipher(Buffer.alloc(32, 2)) });
  const t = await engineContext(driver);
  try {
    const serviceId = await t.publish(TEMPLATE);
    const start = performance.now();
    const created = await Promise.all(
      Array.from({ length: COUNT }, (_, i) => t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId, name: `d-${i}` })),
    );
    for (const c of created) {
      const done = await t.settle(c.instance!.id, 300_000);
      if (done.status !== "Deployed") throw new Error(`${done.id} ended ${done.status}: ${done.statusDetail}`);
    }
    const ms = performance.now() - start;
    await t.service.delete(t.customer, created.map((c) => c.instance!.id).slice(0, 100));
    await t.service.delete(t.customer, created.map((c) => c.instance!.id).slice(100));
    for (const c of created) await t.settle(c.instance!.id, 300_000);
    return ms;
  } finally {
    await t.shutdown();
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const directMs = await direct();
const nestboxMs = await throughNestbox();
process.stdout.write(
  `${COUNT} instances: nestbox ${Math.round(nestboxMs)} ms until all Deployed; the same processes started directly ${Math.round(directMs)} ms; ` +
    `overhead ${((nestboxMs - directMs) / COUNT).toFixed(1)} ms per instance\n`,
);
