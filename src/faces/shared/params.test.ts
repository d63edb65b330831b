import { test } from "node:test";
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { JsonParam, ParamValidator, unflatten, wireName } from "./params.ts";
import { DomainError } from "../../core/shared/domain-error.ts";

test("unflatten builds arrays from 1-based indexes and objects from names", () => {
  assert.deepEqual(
    unflatten({ "Tag.1.Key": "env", "Tag.1.Value": "dev", "Tag.2.Key": "team", "Filter.1.Value.2": "b", "Filter.1.Value.1": "a", "Commodity.PayPeriod": "1", A: "x" }),
    { Tag: [{ Key: "env", Value: "dev" }, { Key: "team" }], Filter: [{ Value: ["a", "b"] }], Commodity: { PayPeriod: "1" }, A: "x" },
  );
});

test("wire names are rebuilt 1-based", () => {
  assert.equal(wireName("/Tag/0/Key"), "Tag.1.Key");
  assert.equal(wireName("", "ServiceId"), "ServiceId");
});

const schema = Type.Object({
  RegionId: Type.String(),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  DryRun: Type.Optional(Type.Boolean()),
  Status: Type.Optional(Type.Union([Type.Literal("A"), Type.Literal("B")])),
  Tag: Type.Optional(Type.Array(Type.Object({ Key: Type.String(), Value: Type.Optional(Type.String()) }))),
  Parameters: Type.Optional(JsonParam(Type.Record(Type.String(), Type.Unknown()))),
});

test("the validator coerces wire strings to the declared types", () => {
  const v = new ParamValidator();
  const out = v.parse(schema, { RegionId: "cn-hangzhou", MaxResults: "20", DryRun: "true", "Tag.1.Key": "k" });
  assert.deepEqual(out, { RegionId: "cn-hangzhou", MaxResults: 20, DryRun: true, Tag: [{ Key: "k" }] });
});

test("JSON parameters are accepted as a JSON string or as flattened entries", () => {
  const v = new ParamValidator();
  assert.deepEqual(v.parse(schema, { RegionId: "r", Parameters: '{"A":1}' }).Parameters, { A: 1 });
  assert.deepEqual(v.parse(schema, { RegionId: "r", "Parameters.A": "1" }).Parameters, { A: "1" });
  assert.throws(() => v.parse(schema, { RegionId: "r", Parameters: "{nope" }), (e: unknown) => e instanceof DomainError && e.details.parameter === "Parameters");
});

test("missing and malformed parameters are named", () => {
  const v = new ParamValidator();
  assert.throws(
    () => v.parse(schema, {}),
    (e: unknown) => e instanceof DomainError && e.code === "MISSING_PARAMETER" && e.message === "RegionId is mandatory for this action.",
  );
  assert.throws(
    () => v.parse(schema, { RegionId: "r", MaxResults: "500" }),
    (e: unknown) => e instanceof DomainError && e.code === "INVALID_PARAMETER" && e.details.parameter === "MaxResults",
  );
  assert.throws(
    () => v.parse(schema, { RegionId: "r", "Tag.1.Value": "v" }),
    (e: unknown) => e instanceof DomainError && e.code === "MISSING_PARAMETER" && e.details.parameter === "Tag.1.Key",
  );
});
