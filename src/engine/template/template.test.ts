import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../core/shared/domain-error.ts";
import { parseTemplate } from "./template-model.ts";
import { resolveParameters } from "./parameters.ts";
import { diffResources, planStack, propertiesHash, resolveOutputs, resolveProperties, type CreatedResources } from "./stack-plan.ts";
import { TemplateDeploymentPlanner } from "./deployment-planner.ts";

const HELLO = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Replicas: {Type: Number, Default: 2, MinValue: 1, MaxValue: 10}
  Greeting: {Type: String, Default: hello, AllowedPattern: '^[a-z]+$'}
Resources:
  Web:
    Type: Nestbox::Local::Process
    Properties:
      Command: node
      Args: ['-e', "require('http').createServer((q, s) => s.end(process.env.GREETING)).listen(process.env.PORT)"]
      Env: {GREETING: {Ref: Greeting}}
      Replicas: {Ref: Replicas}
      ReadinessCheck: {Http: /}
Outputs:
  Url: {Value: {'Fn::GetAtt': [Web, Url]}}
`;
const PSEUDO = { stackId: "si-1", stackName: "si-1", region: "cn-hangzhou", accountId: "1000000000000001" };

const created = (attrs: Record<string, Record<string, unknown>>, secrets: string[] = []): CreatedResources => ({
  physicalId: (id) => (id in attrs ? `pid-${id}` : undefined),
  attribute: (id, a) => attrs[id]?.[a],
  isSecret: (id, a) => secrets.includes(`${id}.${a}`),
});

const rejects = (fn: () => unknown, code: string, parameter: string, text?: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.details.parameter, parameter);
    if (text) assert.match(e.message, text);
    return true;
  });

test("the hello-web template plans one process resource with resolved properties and a GetAtt output", () => {
  const t = parseTemplate(HELLO);
  const plan = planStack(t, resolveParameters(t, {}), PSEUDO);
  assert.deepEqual(plan.layers, [["Web"]]);
  assert.equal(plan.resources.Web!.type, "Nestbox::Local::Process");
  const props = resolveProperties(plan, "Web", created({}));
  assert.deepEqual(props.Env, { GREETING: "hello" });
  assert.equal(props.Replicas, 2);
  const outputs = resolveOutputs(plan, created({ Web: { Url: "http://127.0.0.1:4000" } }));
  assert.deepEqual(outputs.Url, { value: "http://127.0.0.1:4000", noEcho: false, description: undefined, label: undefined });
});

test("parameter rules name the parameter and the rule", () => {
  const t = parseTemplate(HELLO);
  rejects(() => resolveParameters(t, { Greeting: "Hi" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Greeting", /AllowedPattern \^\[a-z\]\+\$/);
  rejects(() => resolveParameters(t, { Replicas: "11" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Replicas", /MaxValue 10/);
  rejects(() => resolveParameters(t, { Replicas: "0" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Replicas", /MinValue 1/);
  rejects(() => resolveParameters(t, { Replicas: "many" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Replicas", /not a Number/);
  rejects(() => resolveParameters(t, { Nope: 1 }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Nope", /declares no such parameter/);
  assert.equal(resolveParameters(t, { Replicas: "3", RegionId: "cn-hangzhou" }).values.Replicas, 3);
});

test("types, lengths, allowed values, NoEcho and required parameters", () => {
  const t = parseTemplate(
    JSON.stringify({
      ROSTemplateFormatVersion: "2015-09-01",
      Parameters: {
        Name: { Type: "String", MinLength: 2, MaxLength: 4 },
        Size: { Type: "String", AllowedValues: ["s", "m"], Default: "s", ConstraintDescription: "s or m" },
        Zones: { Type: "CommaDelimitedList", Default: "a,b" },
        Extra: { Type: "Json", Default: "{\"k\":1}" },
        Debug: { Type: "Boolean", Default: "false" },
        Password: { Type: "String", NoEcho: true, Default: "pw" },
      },
      Resources: { R: { Type: "Nestbox::Random::String" } },
    }),
  );
  rejects(() => resolveParameters(t, {}), "TEMPLATE_PARAMETER_INVALID", "Parameters.Name", /required/);
  rejects(() => resolveParameters(t, { Name: "a" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Name", /MinLength 2/);
  rejects(() => resolveParameters(t, { Name: "abcde" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Name", /MaxLength 4/);
  rejects(() => resolveParameters(t, { Name: "ab", Size: "xl" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Size", /AllowedValues s, m \(s or m\)/);
  rejects(() => resolveParameters(t, { Name: "ab", Debug: "maybe" }), "TEMPLATE_PARAMETER_INVALID", "Parameters.Debug", /Boolean/);
  const r = resolveParameters(t, { Name: "ab", Debug: "true" });
  assert.deepEqual(r.values, { Name: "ab", Size: "s", Zones: ["a", "b"], Extra: { k: 1 }, Debug: true, Password: "pw" });
  assert.deepEqual(r.noEcho, ["Password"]);
});

const FUNCS = {
  ROSTemplateFormatVersion: "2015-09-01",
  Parameters: { Env: { Type: "String", Default: "prod" }, Secret: { Type: "String", NoEcho: true, Default: "s3cret" } },
  Mappings: { Sizes: { prod: { Replicas: 3 }, dev: { Replicas: 1 } } },
  Conditions: { IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] }, NotProd: { "Fn::Not": ["IsProd"] }, Both: { "Fn::And": ["IsProd", { "Fn::Not": ["NotProd"] }] }, Either: { "Fn::Or": ["NotProd", "Both"] } },
  Resources: {
    Data: { Type: "Nestbox::Local::Directory" },
    Pass: { Type: "Nestbox::Random::String" },
    Debug: { Type: "Nestbox::Local::Process", Condition: "NotProd", Properties: { Command: "x" } },
    Web: {
      Type: "Nestbox::Local::Process",
      DependsOn: "Pass",
      Properties: {
        Command: "node",
        Replicas: { "Fn::FindInMap": ["Sizes", { Ref: "Env" }, "Replicas"] },
        Env: {
          DATA: { "Fn::GetAtt": ["Data", "Path"] },
          LABEL: { "Fn::Sub": "${Env}-${ALIYUN::Region}-${!Literal}-${Data.Path}" },
          JOINED: { "Fn::Join": ["/", ["a", { Ref: "ALIYUN::StackId" }]] },
          PICK: { "Fn::Select": [1, { "Fn::Split": [",", "x,y,z"] }] },
          MODE: { "Fn::If": ["IsProd", "fast", { "Fn::GetAtt": ["Debug", "Url"] }] },
          B64: { "Fn::Base64Encode": "hi" },
          BACK: { "Fn::Base64Decode": "aGk=" },
          REPL: { "Fn::Replace": [{ "-": "_" }, "a-b-c"] },
          LEN: { "Fn::Str": { "Fn::Length": ["a", "b"] } },
          GONE: { Ref: "ALIYUN::NoValue" },
          BOTH: { "Fn::If": ["Either", "yes", "no"] },
        },
      },
    },
  },
  Outputs: {
    Url: { Value: { "Fn::GetAtt": ["Web", "Url"] } },
    Password: { Value: { "Fn::GetAtt": ["Pass", "Value"] } },
    Echo: { Value: { "Fn::Sub": "${Secret}" } },
    DebugUrl: { Condition: "NotProd", Value: { "Fn::GetAtt": ["Debug", "Url"] } },
  },
};

test("functions, conditions, mappings and pseudo parameters evaluate as ROS documents", () => {
  const t = parseTemplate(JSON.stringify(FUNCS));
  const plan = planStack(t, resolveParameters(t, {}), PSEUDO);
  assert.deepEqual(Object.keys(plan.resources).sort(), ["Data", "Pass", "Web"], "Debug is off in prod");
  assert.deepEqual(plan.layers, [["Data", "Pass"], ["Web"]], "independent resources share a layer");
  assert.deepEqual(plan.resources.Web!.dependsOn, ["Data", "Pass"]);
  const env = resolveProperties(plan, "Web", created({ Data: { Path: "/d" }, Pass: { Value: "pw" } })).Env as Record<string, unknown>;
  assert.deepEqual(env, {
    DATA: "/d",
    LABEL: "prod-cn-hangzhou-${Literal}-/d",
    JOINED: "a/si-1",
    PICK: "y",
    MODE: "fast",
    B64: "aGk=",
    BACK: "hi",
    REPL: "a_b_c",
    LEN: "2",
    BOTH: "yes",
  });
  assert.equal(resolveProperties(plan, "Web", created({ Data: { Path: "/d" }, Pass: { Value: "pw" } })).Replicas, 3);
  const outputs = resolveOutputs(plan, created({ Data: { Path: "/d" }, Pass: { Value: "pw" }, Web: { Url: "u" } }, ["Pass.Value"]));
  assert.deepEqual(Object.keys(outputs).sort(), ["Echo", "Password", "Url"]);
  assert.equal(outputs.Password!.noEcho, true, "derived from a secret attribute");
  assert.equal(outputs.Echo!.noEcho, true, "derived from a NoEcho parameter");
  assert.equal(outputs.Url!.noEcho, false);
  const dev = planStack(t, resolveParameters(t, { Env: "dev" }), PSEUDO);
  assert.ok("Debug" in dev.resources);
  assert.deepEqual(dev.resources.Web!.dependsOn, ["Data", "Debug", "Pass"], "the taken Fn::If branch adds its dependency");
});

test("JSON and YAML (with short forms) of one template give the same plan", () => {
  const yaml = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Greeting: {Type: String, Default: hello}
Resources:
  Dir: {Type: Nestbox::Local::Directory}
  Web:
    Type: Nestbox::Local::Process
    Properties:
      Command: node
      Env:
        G: !Ref Greeting
        D: !GetAtt Dir.Path
        S: !Sub '\${Greeting}!'
        J: !Join [',', [a, b]]
Outputs:
  Url: {Value: !GetAtt Web.Url}
`;
  const json = JSON.stringify({
    ROSTemplateFormatVersion: "2015-09-01",
    Parameters: { Greeting: { Type: "String", Default: "hello" } },
    Resources: {
      Dir: { Type: "Nestbox::Local::Directory" },
      Web: {
        Type: "Nestbox::Local::Process",
        Properties: { Command: "node", Env: { G: { Ref: "Greeting" }, D: { "Fn::GetAtt": ["Dir", "Path"] }, S: { "Fn::Sub": "${Greeting}!" }, J: { "Fn::Join": [",", ["a", "b"]] } } },
      },
    },
    Outputs: { Url: { Value: { "Fn::GetAtt": ["Web", "Url"] } } },
  });
  const plans = [yaml, json].map((text) => {
    const t = parseTemplate(text);
    const plan = planStack(t, resolveParameters(t, {}), PSEUDO);
    return { layers: plan.layers, props: resolveProperties(plan, "Web", created({ Dir: { Path: "/p" } })) };
  });
  assert.deepEqual(plans[0], plans[1]);
  assert.deepEqual(plans[0]!.layers, [["Dir"], ["Web"]]);
});

test("structural errors name the place and the rule", () => {
  const base = (over: object) => JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", Resources: { A: { Type: "T" } }, ...over });
  const plan = (text: string) => {
    const t = parseTemplate(text);
    return planStack(t, resolveParameters(t, {}), PSEUDO);
  };
  rejects(() => parseTemplate("ROSTemplateFormatVersion: '2010-01-01'\nResources: {A: {Type: T}}"), "TEMPLATE_INVALID", "ROSTemplateFormatVersion");
  rejects(() => parseTemplate("{nope"), "TEMPLATE_INVALID", "body");
  rejects(() => parseTemplate(JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01" })), "TEMPLATE_INVALID", "Resources", /required/);
  rejects(() => plan(base({ Resources: { A: { Type: "T", DependsOn: "B" } } })), "TEMPLATE_INVALID", "Resources.A.DependsOn", /unknown resource B/);
  rejects(() => plan(base({ Resources: { A: { Type: "T", Properties: { X: { Ref: "Nope" } } } } })), "TEMPLATE_INVALID", "Resources.A.Properties", /unknown name Nope/);
  rejects(() => plan(base({ Resources: { A: { Type: "T", Properties: { X: { "Fn::Magic": 1 } } } } })), "TEMPLATE_INVALID", "Resources.A.Properties.X.Fn::Magic", /unknown function/);
  rejects(
    () => plan(base({ Resources: { A: { Type: "T", Properties: { X: { Ref: "B" } } }, B: { Type: "T", DependsOn: "A" } } })),
    "TEMPLATE_INVALID",
    "Resources",
    /cycle between A, B/,
  );
  rejects(() => plan(base({ Outputs: { O: { Value: { "Fn::GetAtt": ["Z", "Url"] } } } })), "TEMPLATE_INVALID", "Outputs.O.Value", /unknown resource Z/);
});

test("hashes ignore key order and the diff classifies resources for an upgrade", () => {
  assert.equal(propertiesHash("T", { a: 1, b: [1, { c: 2, d: 3 }] }), propertiesHash("T", { b: [1, { d: 3, c: 2 }], a: 1 }));
  assert.notEqual(propertiesHash("T", { a: 1 }), propertiesHash("U", { a: 1 }));
  assert.deepEqual(diffResources({ A: "1", B: "2", C: "3" }, { A: "1", B: "9", D: "4" }), { unchanged: ["A"], changed: ["B"], added: ["D"], removed: ["C"] });
});

test("the deployment planner prepares parameters and lists upgrade-required parameters", () => {
  const p = new TemplateDeploymentPlanner();
  const prepared = p.prepare({ templateBody: HELLO, parameters: { Replicas: "3", RegionId: "cn-hangzhou" }, regionId: "cn-hangzhou", accountId: "1", instanceId: "si-1" });
  assert.deepEqual(prepared.parameters, { Replicas: 3, Greeting: "hello" });
  assert.deepEqual(prepared.resources, [{ logicalId: "Web", type: "Nestbox::Local::Process" }]);
  const v2 = HELLO.replace("Parameters:\n", "Parameters:\n  Size: {Type: String}\n");
  assert.deepEqual(p.upgradeRequiredParameters(v2, { Replicas: 2 }), ["Size"]);
  assert.deepEqual(p.upgradeRequiredParameters(v2, { Size: "m" }), []);
});
