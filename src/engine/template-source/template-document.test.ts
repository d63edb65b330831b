import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplateDocument } from "./template-document.ts";

test("JSON and YAML templates parse to the same value", () => {
  const json = '{"ROSTemplateFormatVersion":"2015-09-01","Resources":{"W":{"Type":"T","Properties":{"N":1}}}}';
  const yaml = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  W:\n    Type: T\n    Properties: {N: 1}\n";
  assert.deepEqual(parseTemplateDocument(json), parseTemplateDocument(yaml));
});

test("ROS short forms become their long forms, nested ones included", () => {
  const doc = parseTemplateDocument(
    [
      "A: !Ref Greeting",
      "B: !GetAtt Web.Url",
      "C: !Join [',', [!Ref A, x]]",
      "D: !Sub",
      "  - '${X}'",
      "  - X: !Ref Y",
      "E: !If [Cond, 1, 2]",
    ].join("\n"),
  );
  assert.deepEqual(doc, {
    A: { Ref: "Greeting" },
    B: { "Fn::GetAtt": ["Web", "Url"] },
    C: { "Fn::Join": [",", [{ Ref: "A" }, "x"]] },
    D: { "Fn::Sub": ["${X}", { X: { Ref: "Y" } }] },
    E: { "Fn::If": ["Cond", 1, 2] },
  });
});

test("malformed text, duplicate keys and unknown tags are errors with a position", () => {
  assert.throws(() => parseTemplateDocument("a: [1, 2"), /line|column|flow/i);
  assert.throws(() => parseTemplateDocument("a: 1\na: 2\n"), /unique|duplicate/i);
  assert.throws(() => parseTemplateDocument("a: !Nope x\n"), /!Nope/);
});
