// Managed O&M: a supplier operates a customer's instance only inside the granted window, only as
// far as the granted system policies allow (src/core/instances/supplier-access.ts). Time moves by ManualClock.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../src/core/accounts/account.ts";
import type { ServiceInstance } from "../../src/core/instances/service-instance.ts";
import { supplierAccess } from "../../src/core/instances/supplier-access.ts";
import { isDomainError } from "../../src/core/shared/domain-error.ts";
import { deployMetadata, provisionTestContext, templateWith, type ProvisionTestContext } from "./provision-context.ts";

const code = (c: string, match?: RegExp) => (e: unknown) => isDomainError(e) && e.code === c && (!match || match.test(e.message));
const HOUR = 3_600_000;

test("supplierAccess: EnableInstanceOps, the window's both ends and the policies decide", () => {
  const start = new Date("2026-12-01T00:00:00Z");
  const base = {
    id: "si-1",
    enableInstanceOps: true,
    createdAt: new Date("2026-11-30T00:00:00Z"),
    operationStartTime: start,
    operationEndTime: new Date(start.getTime() + 10 * HOUR),
    grantedPermission: { policyNames: "AliyunComputeNestReadOnlyAccess", operationEndTime: new Date(start.getTime() + 5 * HOUR) },
  } as unknown as ServiceInstance;
  const at = (h: number) => new Date(start.getTime() + h * HOUR);
  assert.deepEqual(supplierAccess(base, "GetServiceInstance", at(1)), { allowed: true });
  assert.match((supplierAccess(base, "GetServiceInstance", at(-1)) as { reason: string }).reason, /opens at 2026-12-01T00:00:00.000Z/);
  assert.match((supplierAccess(base, "GetServiceInstance", at(5)) as { reason: string }).reason, /ended at 2026-12-01T05:00:00.000Z/, "the earlier end wins");
  assert.match((supplierAccess(base, "StopServiceInstance", at(1)) as { reason: string }).reason, /do not cover StopServiceInstance/);
  const full = { ...base, grantedPermission: { policyNames: " AliyunECSReadOnlyAccess, AliyunComputeNestSupplierFullAccess" } } as ServiceInstance;
  assert.deepEqual(supplierAccess(full, "StopServiceInstance", at(9)), { allowed: true });
  assert.equal(supplierAccess(full, "StopServiceInstance", at(10)).allowed, false);
  const foreign = { ...base, grantedPermission: { policyNames: "AliyunECSReadOnlyAccess,AliyunRAMFullAccess" } } as ServiceInstance;
  assert.match((supplierAccess(foreign, "GetServiceInstance", at(1)) as { reason: string }).reason, /do not cover GetServiceInstance/, "other products' policies grant nothing");
  const readAll = { ...base, grantedPermission: { policyNames: "ReadOnlyAccess" } } as ServiceInstance;
  assert.deepEqual(supplierAccess(readAll, "ListServiceInstanceLogs", at(1)), { allowed: true });
  assert.equal(supplierAccess(readAll, "RestartServiceInstance", at(1)).allowed, false);
  assert.match((supplierAccess({ ...base, enableInstanceOps: false }, "GetServiceInstance", at(1)) as { reason: string }).reason, /not enabled/);
  assert.match((supplierAccess({ ...base, grantedPermission: undefined }, "GetServiceInstance", at(1)) as { reason: string }).reason, /granted no policy/);
  const openEnded = { ...full, operationStartTime: undefined, operationEndTime: undefined } as ServiceInstance;
  assert.deepEqual(supplierAccess(openEnded, "DeleteServiceInstances", at(1000)), { allowed: true }, "no end: open; no start: from creation");
  assert.equal(supplierAccess(openEnded, "GetServiceInstance", new Date("2026-11-29T00:00:00Z")).allowed, false);
});

describe("a supplier operates a customer's instance only inside the granted window", () => {
  let t: ProvisionTestContext;
  let supplier: Principal;
  let customer: Principal;
  let stranger: Principal;
  let serviceId: string;

  before(async () => {
    t = await provisionTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account("Customer");
    stranger = await t.account("Stranger");
    serviceId = await t.publish(supplier, deployMetadata(templateWith()), { isSupportOperated: true, duration: 2 * 3600 });
  });
  after(() => t.close());

  async function deployed(name: string): Promise<ServiceInstance> {
    const { instance } = await t.instances.create(customer, { regionId: "cn-hangzhou", serviceId, name });
    return t.instances.completeOperation(instance.id, "Deploy", { succeeded: true, statusDetail: "deployed" });
  }

  test("no managed O&M: the supplier reads nothing on the user side and changes nothing", async () => {
    const instance = await deployed("no-ops");
    await assert.rejects(t.instances.get(supplier, { serviceInstanceId: instance.id }), code("SUPPLIER_ACCESS_DENIED", /managed O&M is not enabled/));
    await assert.rejects(t.instances.stop(supplier, instance.id), code("SUPPLIER_ACCESS_DENIED"));
    await assert.rejects(t.instances.get(stranger, { serviceInstanceId: instance.id }), code("SERVICE_INSTANCE_NOT_FOUND"), "anyone else still sees nothing");
  });

  test("read-only grant: reads inside the window, no operations; nothing after the window ends", async () => {
    const instance = await deployed("read-only");
    await t.instances.updateAttributes(customer, {
      serviceInstanceId: instance.id,
      enableOperation: true,
      grantedPermission: { policyNames: "AliyunComputeNestReadOnlyAccess" },
    });
    const seen = await t.instances.get(supplier, { serviceInstanceId: instance.id });
    assert.equal(seen.instance.id, instance.id);
    assert.equal(seen.instance.enableInstanceOps, true);
    await t.instances.listLogs(supplier, instance.id, {});
    await t.instances.listUpgradeHistory(supplier, instance.id, {});
    await assert.rejects(t.instances.stop(supplier, instance.id), code("SUPPLIER_ACCESS_DENIED", /do not cover StopServiceInstance/));
    await assert.rejects(t.instances.delete(supplier, [instance.id]), code("SUPPLIER_ACCESS_DENIED"));

    t.clock.advance(2 * HOUR); // the service's Duration: the window closes
    await assert.rejects(t.instances.get(supplier, { serviceInstanceId: instance.id }), code("SUPPLIER_ACCESS_DENIED", /ended at/));
    assert.equal((await t.instances.get(customer, { serviceInstanceId: instance.id })).instance.id, instance.id, "the customer is unaffected");
  });

  test("full grant: the supplier stops and starts the instance until the granted end, then not", async () => {
    const instance = await deployed("full");
    const grantEnd = new Date(t.clock.now().getTime() + HOUR);
    await t.instances.updateAttributes(customer, {
      serviceInstanceId: instance.id,
      enableOperation: true,
      grantedPermission: { policyNames: "AliyunComputeNestSupplierFullAccess", operationEndTime: grantEnd },
    });
    const stopping = await t.instances.stop(supplier, instance.id);
    assert.equal(stopping.status, "Stopping");
    assert.equal(stopping.accountId, customer.accountId, "the instance stays the customer's");
    await t.instances.completeOperation(instance.id, "Stop", { succeeded: true, statusDetail: "stopped" });

    t.clock.advance(HOUR - 1);
    assert.equal((await t.instances.start(supplier, instance.id)).status, "Starting");
    await t.instances.completeOperation(instance.id, "Start", { succeeded: true, statusDetail: "started" });

    t.clock.advance(1);
    await assert.rejects(t.instances.stop(supplier, instance.id), code("SUPPLIER_ACCESS_DENIED", /ended at/));
    await assert.rejects(t.instances.get(supplier, { serviceInstanceId: instance.id }), code("SUPPLIER_ACCESS_DENIED"));
  });

  test("the customer turning managed O&M off ends the supplier's access at once; the grant is the customer's to change", async () => {
    const instance = await deployed("revoked");
    await t.instances.updateAttributes(customer, { serviceInstanceId: instance.id, enableOperation: true, grantedPermission: { policyNames: "AdministratorAccess" } });
    await assert.rejects(
      t.instances.updateAttributes(supplier, { serviceInstanceId: instance.id, grantedPermission: { policyNames: "AdministratorAccess" } }),
      code("SERVICE_INSTANCE_NOT_FOUND"),
    );
    await t.instances.get(supplier, { serviceInstanceId: instance.id });
    t.clock.advance(1000);
    await t.instances.updateAttributes(customer, { serviceInstanceId: instance.id, enableOperation: false });
    await assert.rejects(t.instances.get(supplier, { serviceInstanceId: instance.id }), code("SUPPLIER_ACCESS_DENIED", /not enabled/));
  });

  test("a delete naming several instances needs the grant on each", async () => {
    const granted = await deployed("del-granted");
    const other = await deployed("del-other");
    await t.instances.updateAttributes(customer, { serviceInstanceId: granted.id, enableOperation: true, grantedPermission: { policyNames: "AliyunComputeNestFullAccess" } });
    await assert.rejects(t.instances.delete(supplier, [granted.id, other.id]), code("SUPPLIER_ACCESS_DENIED"));
    assert.equal((await t.instances.get(customer, { serviceInstanceId: granted.id })).instance.status, "Deployed", "nothing was deleted");
    assert.deepEqual((await t.instances.delete(supplier, [granted.id])).map((i) => i.status), ["Deleting"]);
  });
});
