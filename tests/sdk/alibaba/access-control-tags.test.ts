// Tag conditions in RAM policies, end to end through @alicloud/openapi-client against a real
// `nestbox serve`: acs:ResourceTag/<key> from the tags of the service instance a request names,
// acs:RequestTag/<key> from the request's Tag.N.Key / Tag.N.Value. A denial is 403 Forbidden.RAM.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");
const Ram = require("@alicloud/ram20150501");
const { $OpenApiUtil } = require("@alicloud/openapi-core");

const AK = "LTAItagconditions00000000";
const SECRET = "tagconditionssecret0000000000000";
const TEMPLATE = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Password:\n    Type: Nestbox::Random::String\n    Properties: {Length: 12}\n";

interface Key {
  accessKeyId: string;
  accessKeySecret: string;
}

describe("acs:ResourceTag and acs:RequestTag conditions", () => {
  let s: TestServer;
  let dataDir: string;
  let port: number;
  const root: Key = { accessKeyId: AK, accessKeySecret: SECRET };
  let serviceId: string;
  let devInstance: string;
  let prodInstance: string;

  const call = async (key: Key, action: string, version: string, query: Record<string, unknown>) =>
    (
      await new OpenApi.default(new OpenApi.Config({ ...key, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou" })).callApi(
        new OpenApi.Params({ action, version, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" }),
        new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) }),
        new Util.RuntimeOptions({}),
      )
    ).body;
  const nest = (key: Key, action: string, query: Record<string, unknown>) => call(key, action, "2021-06-01", { RegionId: "cn-hangzhou", ...query });
  const ram = () => new Ram.default(new $OpenApiUtil.Config({ ...root, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou" }));
  const forbidden = (action: string) => (e: any) => {
    assert.equal(e.code, "Forbidden.RAM", e.message);
    assert.equal(e.data?.statusCode ?? e.statusCode, 403);
    assert.equal((e.accessDeniedDetail ?? e.data?.AccessDeniedDetail)?.AuthAction, action);
    return true;
  };

  /** A user with one custom policy and an access key. */
  async function userWith(name: string, statement: object): Promise<Key> {
    const admin = ram();
    await admin.createUser(new Ram.CreateUserRequest({ userName: name }));
    await admin.createPolicy(new Ram.CreatePolicyRequest({ policyName: `${name}-policy`, policyDocument: JSON.stringify({ Version: "1", Statement: [statement] }) }));
    await admin.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: `${name}-policy`, userName: name }));
    const key = (await admin.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: name }))).body.accessKey;
    return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  }

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
    port = s.server.port;
    const supplier = (action: string, query: Record<string, unknown>) => call(root, action, "2021-05-21", { RegionId: "cn-hangzhou", ...query });
    serviceId = (
      await supplier("CreateService", {
        DeployType: "ros",
        ShareType: "Public",
        ServiceInfo: [{ Locale: "en-US", Name: "Secrets", ShortDescription: "A random string" }],
        DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
      })
    ).ServiceId;
    await supplier("RegisterService", { ServiceId: serviceId });
    await supplier("LaunchService", { ServiceId: serviceId, ServiceVersion: "1" });
    devInstance = (await nest(root, "CreateServiceInstance", { ServiceId: serviceId, Name: "dev-one", Tag: [{ Key: "env", Value: "dev" }] })).ServiceInstanceId;
    prodInstance = (await nest(root, "CreateServiceInstance", { ServiceId: serviceId, Name: "prod-one", Tag: [{ Key: "env", Value: "prod" }] })).ServiceInstanceId;
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("GetServiceInstance allowed only on instances tagged env=dev", async () => {
    const dev = await userWith("dev-reader", {
      Effect: "Allow",
      Action: "computenest:GetServiceInstance",
      Resource: "*",
      Condition: { StringEquals: { "acs:ResourceTag/env": "dev" } },
    });
    assert.equal((await nest(dev, "GetServiceInstance", { ServiceInstanceId: devInstance })).ServiceInstanceId, devInstance);
    await assert.rejects(nest(dev, "GetServiceInstance", { ServiceInstanceId: prodInstance }), forbidden("computenest:GetServiceInstance"));
    // An instance that does not exist has no tags: denied as well, without revealing anything.
    await assert.rejects(nest(dev, "GetServiceInstance", { ServiceInstanceId: "si-00000000000000000000" }), forbidden("computenest:GetServiceInstance"));
  });

  test("CreateServiceInstance requires the request to set Tag team=core", async () => {
    const creator = await userWith("tagged-creator", {
      Effect: "Allow",
      Action: "computenest:CreateServiceInstance",
      Resource: "*",
      Condition: { StringEquals: { "acs:RequestTag/team": "core" } },
    });
    await assert.rejects(nest(creator, "CreateServiceInstance", { ServiceId: serviceId, Name: "untagged" }), forbidden("computenest:CreateServiceInstance"));
    await assert.rejects(
      nest(creator, "CreateServiceInstance", { ServiceId: serviceId, Name: "other-team", Tag: [{ Key: "team", Value: "edge" }] }),
      forbidden("computenest:CreateServiceInstance"),
    );
    const made = await nest(creator, "CreateServiceInstance", { ServiceId: serviceId, Name: "core-team", Tag: [{ Key: "team", Value: "core" }] });
    assert.match(made.ServiceInstanceId, /^si-/);
  });
});
