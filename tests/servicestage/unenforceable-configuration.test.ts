// B.6.2 storage `readOnly`: the local driver cannot make a mount read-only, so a new configuration
// asking for it is refused with SERVICESTAGE_INVALID_PARAMETER naming the field; configurations
// stored earlier still read (the engine and the wire re-read them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readConfiguration, refuseUnenforceable } from "../../src/core/servicestage/instance-configuration.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";

const refused = (configuration: unknown, parameter: string, message: RegExp) =>
  assert.throws(
    () => refuseUnenforceable(configuration),
    (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.code, "SERVICESTAGE_INVALID_PARAMETER");
      assert.equal(e.details.parameter, parameter);
      assert.match(e.message, message);
      return true;
    },
  );

test("readOnly: true is refused for HostPath and EmptyDir mounts, naming the mount", () => {
  refused({ storage: [{ type: "HostPath", parameters: { path: "/srv" }, mounts: [{ path: "/data", readOnly: true }] }] }, "configuration.storage[0].mounts[0].readOnly", /cannot be enforced by the local driver/);
  refused(
    { storage: [{ type: "EmptyDir", mounts: [{ path: "/a" }] }, { type: "EmptyDir", mounts: [{ path: "/b", readOnly: false }, { path: "/c", readOnly: true }] }] },
    "configuration.storage[1].mounts[1].readOnly",
    /EmptyDir mount/,
  );
  refused({ storage: [{ type: "EmptyDir", mounts: [{ path: "/a", readOnly: "true" }] }] }, "configuration.storage[0].mounts[0].readOnly", /must be a boolean/);
});

test("readOnly false, null or absent passes, and a stored readOnly: true still reads", () => {
  refuseUnenforceable(undefined);
  refuseUnenforceable({});
  refuseUnenforceable({ storage: [{ type: "EmptyDir", mounts: [{ path: "/a" }, { path: "/b", readOnly: false }, { path: "/c", readOnly: null }] }] });
  const stored = readConfiguration({ storage: [{ type: "EmptyDir", mounts: [{ path: "/a", readOnly: true }] }] });
  assert.equal(stored.storage[0]!.mounts[0]!.readOnly, true);
});
