import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TSchema } from "@sinclair/typebox";

/** A model shape as extracted in <product>/<Action>/*.model.json (see the product README). */
export type ModelShape = "string" | "number" | "boolean" | "map" | ModelShape[] | { [field: string]: ModelShape };

export function loadModel(product: string, action: string, kind: "request" | "response"): { [field: string]: ModelShape } {
  return JSON.parse(readFileSync(join(import.meta.dirname, product, action, `${kind}.model.json`), "utf8"));
}

/**
 * Asserts that every field of `value` exists in the SDK model with the JSON type the SDK's
 * cast accepts (ALIBABA.md 2.1: strings stay strings, arrays arrays, objects objects).
 * Undefined fields are skipped: they are not serialised.
 */
export function assertMatchesModel(value: unknown, model: ModelShape, path = "$"): void {
  if (value === undefined) return;
  if (Array.isArray(model)) {
    assert.ok(Array.isArray(value), `${path} should be an array, got ${JSON.stringify(value)}`);
    value.forEach((item, i) => assertMatchesModel(item, model[0]!, `${path}[${i}]`));
    return;
  }
  if (typeof model === "object") {
    assert.ok(value !== null && typeof value === "object" && !Array.isArray(value), `${path} should be an object`);
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      assert.ok(key in model, `${path}.${key} is not a field of the SDK model`);
      assertMatchesModel(v, model[key]!, `${path}.${key}`);
    }
    return;
  }
  if (model === "map") {
    assert.ok(value !== null && typeof value === "object", `${path} should be a map`);
    return;
  }
  assert.equal(typeof value, model, `${path} should be a ${model}, got ${JSON.stringify(value)}`);
}

/**
 * Asserts that every parameter an operation declares (TypeBox, unflattened) is named as in the
 * SDK request model, nested fields included. Numbers may be declared as digit strings: that is
 * how the SDK puts them on the wire.
 */
export function assertParamsInModel(schema: TSchema, model: ModelShape, path = "$"): void {
  if (Array.isArray(model)) {
    assert.equal(schema["type"], "array", `${path} should be declared as an array`);
    assertParamsInModel(schema["items"] as TSchema, model[0]!, `${path}[]`);
    return;
  }
  if (typeof model === "object") {
    if (schema["type"] === "string") return; // a json-style parameter sent as one JSON string (ALIBABA.md 1.4)
    assert.equal(schema["type"], "object", `${path} should be declared as an object`);
    for (const [key, sub] of Object.entries(schema["properties"] as Record<string, TSchema>)) {
      assert.ok(key in model, `${path}.${key} is not a parameter of the SDK model`);
      assertParamsInModel(sub, model[key]!, `${path}.${key}`);
    }
    return;
  }
  const declared = schema["type"] === "integer" ? "number" : schema["type"];
  if (model === "number" && declared === "string") return;
  // A json-style map parameter: one JSON string on the wire, declared as a string or a JsonParam object (ALIBABA.md 1.4).
  if (model === "map" && (declared === "string" || declared === "object")) return;
  assert.equal(declared, model, `${path} should be declared as ${model}`);
}
