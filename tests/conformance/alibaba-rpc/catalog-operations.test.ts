import { test } from "node:test";
import assert from "node:assert/strict";
import { computeNestOperations } from "../../../src/faces/alibaba-rpc/products/computenest/index.ts";
import { computeNestSupplierOperations } from "../../../src/faces/alibaba-rpc/products/computenestsupplier/index.ts";
import { assertParamsInModel, loadModel } from "./model-shape.ts";

/** The catalog's operations: the ones whose SDK models are extracted next to this file. */
const PRODUCTS = [
  {
    ops: computeNestSupplierOperations,
    product: "ComputeNestSupplier",
    version: "2021-05-21",
    folder: "computenestsupplier",
    ram: "computenestsupplier",
    actions: [
      "CreateService", "UpdateService", "GetService", "ListServices", "DeleteService", "RegisterService", "GetServiceRegistration",
      "LaunchService", "WithdrawService", "AddServiceSharedAccounts", "RemoveServiceSharedAccounts", "ListServiceSharedAccounts",
    ],
  },
  {
    ops: computeNestOperations,
    product: "ComputeNest",
    version: "2021-06-01",
    folder: "computenest",
    ram: "computenest",
    actions: ["GetService", "ListServices", "DescribeRegions"],
  },
];

for (const p of PRODUCTS) {
  test(`${p.product} catalog operations declare the SDK's parameter names and the vendor's RAM action`, () => {
    for (const action of p.actions) {
      const op = p.ops.find((o) => o.action === action);
      assert.ok(op, `${action} is not registered`);
      assert.equal(op.product, p.product);
      assert.equal(op.version, p.version);
      assert.equal(op.iam.action, `${p.ram}:${op.action}`);
      assert.match(op.iam.resource, /^(\*|service\/(\*|\{ServiceId\})|serviceregistration\/\{RegistrationId\})$/);
      assertParamsInModel(op.params, loadModel(p.folder, op.action, "request"), op.action);
    }
  });
}

test("every operation is listed once", () => {
  for (const p of PRODUCTS) {
    const actions = p.ops.map((o) => o.action);
    assert.equal(new Set(actions).size, actions.length);
  }
});
