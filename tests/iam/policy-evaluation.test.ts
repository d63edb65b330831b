// RAM policy evaluation as a table: each row is a set of policies, a request and the decision.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { conditionContext } from "../../src/core/iam/policy-conditions.ts";
import { parsePolicyDocument } from "../../src/core/iam/policy-document.ts";
import { evaluatePolicies, type Decision } from "../../src/core/iam/policy-evaluator.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";

const A = "1111111111111111";
const B = "2222222222222222";
const SI = (id: string, account = A, region = "cn-hangzhou") => `acs:computenest:${region}:${account}:serviceinstance/${id}`;

type Stmt = Record<string, unknown>;
const doc = (...Statement: Stmt[]) => JSON.stringify({ Version: "1", Statement });
const allow = (Action: unknown, Resource: unknown = "*", Condition?: object): Stmt => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: unknown, Resource: unknown = "*", Condition?: object): Stmt => ({ Effect: "Deny", Action, Resource, ...(Condition ? { Condition } : {}) });

const BASE_CONTEXT = {
  "acs:SourceIp": "42.120.88.17",
  "acs:CurrentTime": "2026-12-03T10:00:00Z",
  "acs:SecureTransport": "true",
  "acs:MFAPresent": "false",
  "acs:ResourceTag/env": "prod",
  "acs:RequestTag/team": "blue",
};

interface Row {
  name: string;
  policies: string[];
  action?: string;
  resource?: string;
  context?: Record<string, string | undefined>;
  want: Decision;
}

const GET = "computenest:GetServiceInstance";
const cond = (op: string, key: string, value: unknown) => ({ [op]: { [key]: value } });

const ROWS: Row[] = [
  // Deny over allow, implicit deny.
  { name: "no policy at all is an implicit deny", policies: [], want: "ImplicitDeny" },
  { name: "an allow on the action and resource allows", policies: [doc(allow(GET, SI("si-1")))], want: "Allow" },
  { name: "an unrelated action is implicitly denied", policies: [doc(allow("computenest:ListServices"))], want: "ImplicitDeny" },
  { name: "deny in the same document wins over allow", policies: [doc(allow("*"), deny(GET, SI("si-1")))], want: "ExplicitDeny" },
  { name: "deny in another document wins over allow", policies: [doc(allow("computenest:*")), doc(deny("computenest:Get*"))], want: "ExplicitDeny" },
  { name: "a deny on another instance leaves this one allowed", policies: [doc(allow("computenest:*"), deny("*", SI("si-2")))], want: "Allow" },
  { name: "a deny whose condition does not hold does not apply", policies: [doc(allow("*"), deny("*", "*", cond("IpAddress", "acs:SourceIp", "10.0.0.0/8")))], want: "Allow" },
  // Action wildcards and case.
  { name: "action * matches everything", policies: [doc(allow("*"))], want: "Allow" },
  { name: "service:* matches the service's actions", policies: [doc(allow("computenest:*"))], want: "Allow" },
  { name: "Get* matches GetServiceInstance", policies: [doc(allow("computenest:Get*"))], want: "Allow" },
  { name: "? matches exactly one character", policies: [doc(allow("computenest:GetServiceInstanc?"))], want: "Allow" },
  { name: "? does not match two characters", policies: [doc(allow("computenest:GetServiceInstan?"))], want: "ImplicitDeny" },
  { name: "actions compare case-insensitively", policies: [doc(allow("ComputeNest:getserviceinstance", SI("si-1")))], want: "Allow" },
  { name: "another service's * does not match", policies: [doc(allow("ecs:*"))], want: "ImplicitDeny" },
  { name: "Huawei-style actions with several parts", policies: [doc(allow("servicestage:*:get*"))], action: "servicestage:app:get", want: "Allow" },
  { name: "Huawei-style actions: another verb", policies: [doc(allow("servicestage:*:get*"))], action: "servicestage:app:delete", want: "ImplicitDeny" },
  { name: "NotAction allows everything else", policies: [doc({ Effect: "Allow", NotAction: "computenest:Delete*", Resource: "*" })], want: "Allow" },
  { name: "NotAction excludes its own actions", policies: [doc({ Effect: "Allow", NotAction: "computenest:Get*", Resource: "*" })], want: "ImplicitDeny" },
  // Resources: wildcards, case, regions and accounts.
  { name: "a resource list matches any entry", policies: [doc(allow(GET, [SI("si-9"), SI("si-1")]))], want: "Allow" },
  { name: "resources compare case-sensitively", policies: [doc(allow(GET, SI("SI-1")))], want: "ImplicitDeny" },
  { name: "any region with *", policies: [doc(allow(GET, `acs:computenest:*:${A}:serviceinstance/si-1`))], want: "Allow" },
  { name: "another region does not match", policies: [doc(allow(GET, SI("si-1", A, "cn-beijing")))], want: "ImplicitDeny" },
  { name: "any account with *", policies: [doc(allow(GET, "acs:computenest:cn-hangzhou:*:serviceinstance/*"))], want: "Allow" },
  { name: "another account's ARN does not match", policies: [doc(allow(GET, SI("si-1", B)))], want: "ImplicitDeny" },
  { name: "region wildcard with ?", policies: [doc(allow(GET, `acs:computenest:cn-hangzho?:${A}:serviceinstance/si-?`))], want: "Allow" },
  { name: "NotResource excludes its resources", policies: [doc({ Effect: "Allow", Action: "*", NotResource: SI("si-1") })], want: "ImplicitDeny" },
  { name: "a * request resource is matched only by a pattern matching *", policies: [doc(allow(GET, "acs:computenest:*:*:serviceinstance/*"))], resource: "*", want: "ImplicitDeny" },
  { name: "a * request resource is matched by *", policies: [doc(allow(GET))], resource: "*", want: "Allow" },
  // String operators.
  { name: "StringEquals holds", policies: [doc(allow("*", "*", cond("StringEquals", "acs:ResourceTag/env", "prod")))], want: "Allow" },
  { name: "StringEquals is case-sensitive", policies: [doc(allow("*", "*", cond("StringEquals", "acs:ResourceTag/env", "Prod")))], want: "ImplicitDeny" },
  { name: "StringEquals with a list holds on any value", policies: [doc(allow("*", "*", cond("StringEquals", "acs:RequestTag/team", ["red", "blue"])))], want: "Allow" },
  { name: "StringEquals on a missing key fails", policies: [doc(allow("*", "*", cond("StringEquals", "acs:ResourceTag/owner", "x")))], want: "ImplicitDeny" },
  { name: "StringNotEquals holds for another value", policies: [doc(allow("*", "*", cond("StringNotEquals", "acs:ResourceTag/env", "dev")))], want: "Allow" },
  { name: "StringNotEquals fails for the value", policies: [doc(allow("*", "*", cond("StringNotEquals", "acs:ResourceTag/env", ["dev", "prod"])))], want: "ImplicitDeny" },
  { name: "StringNotEquals holds when the key is missing", policies: [doc(allow("*", "*", cond("StringNotEquals", "acs:ResourceTag/owner", "x")))], want: "Allow" },
  { name: "StringEqualsIgnoreCase ignores case", policies: [doc(allow("*", "*", cond("StringEqualsIgnoreCase", "acs:ResourceTag/env", "PROD")))], want: "Allow" },
  { name: "StringLike with *", policies: [doc(allow("*", "*", cond("StringLike", "acs:ResourceTag/env", "pr*")))], want: "Allow" },
  { name: "StringLike with ? that does not fit", policies: [doc(allow("*", "*", cond("StringLike", "acs:ResourceTag/env", "pro?d")))], want: "ImplicitDeny" },
  { name: "StringNotLike", policies: [doc(allow("*", "*", cond("StringNotLike", "acs:RequestTag/team", "re*")))], want: "Allow" },
  { name: "condition keys compare case-insensitively", policies: [doc(allow("*", "*", cond("StringEquals", "ACS:resourcetag/ENV", "prod")))], want: "Allow" },
  // Numeric operators.
  ...numericRows(),
  // Date operators against acs:CurrentTime.
  { name: "DateLessThan holds before the date", policies: [doc(allow("*", "*", cond("DateLessThan", "acs:CurrentTime", "2026-12-31T00:00:00Z")))], want: "Allow" },
  { name: "DateLessThan fails after the date", policies: [doc(allow("*", "*", cond("DateLessThan", "acs:CurrentTime", "2026-01-01T00:00:00Z")))], want: "ImplicitDeny" },
  { name: "DateLessThanEquals at the instant", policies: [doc(allow("*", "*", cond("DateLessThanEquals", "acs:CurrentTime", "2026-12-03T10:00:00Z")))], want: "Allow" },
  { name: "DateGreaterThan after the date", policies: [doc(allow("*", "*", cond("DateGreaterThan", "acs:CurrentTime", "2026-12-03T09:59:59Z")))], want: "Allow" },
  { name: "DateGreaterThanEquals fails before the date", policies: [doc(allow("*", "*", cond("DateGreaterThanEquals", "acs:CurrentTime", "2026-12-03T10:00:01Z")))], want: "ImplicitDeny" },
  { name: "DateEquals at the instant (another zone)", policies: [doc(allow("*", "*", cond("DateEquals", "acs:CurrentTime", "2026-12-03T18:00:00+08:00")))], want: "Allow" },
  { name: "DateNotEquals another instant", policies: [doc(allow("*", "*", cond("DateNotEquals", "acs:CurrentTime", "2026-12-03T10:00:01Z")))], want: "Allow" },
  { name: "a window: both bounds must hold", policies: [doc(allow("*", "*", { DateGreaterThan: { "acs:CurrentTime": "2026-12-01T00:00:00Z" }, DateLessThan: { "acs:CurrentTime": "2026-12-02T00:00:00Z" } }))], want: "ImplicitDeny" },
  // Bool.
  { name: "Bool SecureTransport true", policies: [doc(allow("*", "*", cond("Bool", "acs:SecureTransport", "true")))], want: "Allow" },
  { name: "Bool with a JSON boolean", policies: [doc(allow("*", "*", cond("Bool", "acs:SecureTransport", true)))], want: "Allow" },
  { name: "Bool MFAPresent true fails without MFA", policies: [doc(allow("*", "*", cond("Bool", "acs:MFAPresent", "true")))], want: "ImplicitDeny" },
  { name: "deny without MFA", policies: [doc(allow("*"), deny("*", "*", cond("Bool", "acs:MFAPresent", "false")))], want: "ExplicitDeny" },
  { name: "Bool over plain HTTP", policies: [doc(allow("*", "*", cond("Bool", "acs:SecureTransport", "true")))], context: { "acs:SecureTransport": "false" }, want: "ImplicitDeny" },
  // IP addresses.
  { name: "IpAddress in the CIDR", policies: [doc(allow("*", "*", cond("IpAddress", "acs:SourceIp", "42.120.88.0/24")))], want: "Allow" },
  { name: "IpAddress outside the CIDR", policies: [doc(allow("*", "*", cond("IpAddress", "acs:SourceIp", "42.120.89.0/24")))], want: "ImplicitDeny" },
  { name: "IpAddress exact address", policies: [doc(allow("*", "*", cond("IpAddress", "acs:SourceIp", ["10.0.0.1", "42.120.88.17"])))], want: "Allow" },
  { name: "IpAddress with an IPv4-mapped source", policies: [doc(allow("*", "*", cond("IpAddress", "acs:SourceIp", "127.0.0.0/8")))], context: { "acs:SourceIp": "::ffff:127.0.0.1" }, want: "Allow" },
  { name: "IpAddress IPv6", policies: [doc(allow("*", "*", cond("IpAddress", "acs:SourceIp", "2001:db8::/32")))], context: { "acs:SourceIp": "2001:db8::5" }, want: "Allow" },
  { name: "NotIpAddress outside the range holds", policies: [doc(allow("*", "*", cond("NotIpAddress", "acs:SourceIp", "10.0.0.0/8")))], want: "Allow" },
  { name: "deny NotIpAddress blocks other networks", policies: [doc(allow("*"), deny("*", "*", cond("NotIpAddress", "acs:SourceIp", "10.0.0.0/8")))], want: "ExplicitDeny" },
  { name: "deny NotIpAddress spares its network", policies: [doc(allow("*"), deny("*", "*", cond("NotIpAddress", "acs:SourceIp", "42.0.0.0/8")))], want: "Allow" },
  // Several operators: all must hold.
  { name: "two operators both hold", policies: [doc(allow("*", "*", { IpAddress: { "acs:SourceIp": "42.0.0.0/8" }, StringEquals: { "acs:ResourceTag/env": "prod" } }))], want: "Allow" },
  { name: "two operators, one fails", policies: [doc(allow("*", "*", { IpAddress: { "acs:SourceIp": "42.0.0.0/8" }, StringEquals: { "acs:ResourceTag/env": "dev" } }))], want: "ImplicitDeny" },
];

function numericRows(): Row[] {
  const ctx = { "acs:RequestTag/size": "5" };
  const r = (op: string, v: unknown, want: Decision): Row => ({ name: `${op} ${String(v)} against 5`, policies: [doc(allow("*", "*", cond(op, "acs:RequestTag/size", v)))], context: ctx, want });
  return [
    r("NumericEquals", "5", "Allow"),
    r("NumericEquals", 5.0, "Allow"),
    r("NumericEquals", "6", "ImplicitDeny"),
    r("NumericNotEquals", "6", "Allow"),
    r("NumericLessThan", "6", "Allow"),
    r("NumericLessThan", "5", "ImplicitDeny"),
    r("NumericLessThanEquals", "5", "Allow"),
    r("NumericGreaterThan", "4", "Allow"),
    r("NumericGreaterThan", "5", "ImplicitDeny"),
    r("NumericGreaterThanEquals", "5", "Allow"),
    r("NumericEquals", "five", "ImplicitDeny"),
  ];
}

describe("policy evaluation", () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const documents = row.policies.map((p) => parsePolicyDocument(p));
      const context = conditionContext({ ...BASE_CONTEXT, ...row.context });
      const got = evaluatePolicies(documents, { action: row.action ?? GET, resource: row.resource ?? SI("si-1"), context });
      assert.equal(got, row.want);
    });
  }
});

describe("policy document validation", () => {
  const invalid: [string, unknown][] = [
    ["not JSON", "{"],
    ["empty", ""],
    ["wrong version", JSON.stringify({ Version: "2012-10-17", Statement: [allow("*")] })],
    ["no statements", JSON.stringify({ Version: "1", Statement: [] })],
    ["bad effect", doc({ Effect: "allow", Action: "*", Resource: "*" })],
    ["no action", doc({ Effect: "Allow", Resource: "*" })],
    ["action without service", doc(allow("GetServiceInstance"))],
    ["no resource", doc({ Effect: "Allow", Action: "*" })],
    ["unknown operator", doc(allow("*", "*", cond("StringSorta", "acs:SourceIp", "x")))],
    ["object value", doc(allow("*", "*", cond("StringEquals", "acs:SourceIp", { a: 1 })))],
    ["too long", doc(allow("*", "x".repeat(7000)))],
    ["a principal in a permission policy", doc({ ...allow("*"), Principal: { RAM: ["*"] } })],
  ];
  for (const [name, text] of invalid) {
    test(`refuses ${name} (InvalidArgument naming PolicyDocument)`, () => {
      assert.throws(
        () => parsePolicyDocument(text),
        (e: unknown) => e instanceof DomainError && e.kind === "InvalidArgument" && e.details.parameter === "PolicyDocument",
      );
    });
  }

  test("a single statement object and a string action are accepted", () => {
    const parsed = parsePolicyDocument(JSON.stringify({ Version: "1", Statement: { Effect: "Allow", Action: "ecs:*", Resource: "*" } }));
    assert.deepEqual(parsed.statements[0]?.actions, ["ecs:*"]);
  });

  test("a trust policy needs a Principal and no Resource", () => {
    const trust = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${A}:root`] } }] });
    assert.deepEqual(parsePolicyDocument(trust, "trust").statements[0]?.principal, { RAM: [`acs:ram::${A}:root`] });
    assert.throws(() => parsePolicyDocument(doc(allow("sts:AssumeRole")), "trust", "AssumeRolePolicyDocument"), /Principal/);
  });
});
