// RAM login profiles (CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile)
// through the official @alicloud/ram20150501 client against a real `nestbox serve`, RAM's error
// codes, and RAM's global ARNs (acs:ram::<account>:user/<name>, no region) in policies.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const Ram = require("@alicloud/ram20150501");
const { $OpenApiUtil } = require("@alicloud/openapi-core");

const AK = "LTAIramloginprofile000000";
const SECRET = "ramloginprofilesecret00000000000";
const RAM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const fails = (code: string, status: number) => (e: any) => {
  assert.equal(e.code, code, e.message);
  assert.equal(e.statusCode, status);
  return true;
};

describe("RAM login profiles through @alicloud/ram20150501", () => {
  let s: TestServer;
  let dataDir: string;
  let accountId: string;
  const client = (accessKeyId: string, accessKeySecret: string) =>
    new Ram.default(new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: `127.0.0.1:${s.server.port}`, protocol: "http", regionId: "cn-hangzhou" }));
  let ram: any;

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "debug" });
    accountId = s.server.operator.accountId;
    ram = client(AK, SECRET);
    await ram.createUser(new Ram.CreateUserRequest({ userName: "carol" }));
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("create, get, update, delete, with RAM's codes", async () => {
    await assert.rejects(ram.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: "carol" })), fails("EntityNotExist.User.LoginProfile", 404));
    await assert.rejects(
      ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "carol", password: "short" })),
      fails("InvalidParameter.Password", 400),
    );
    await assert.rejects(
      ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "nobody", password: "Long-enough-1" })),
      fails("EntityNotExist.User", 404),
    );

    const created = (await ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "carol", password: "Carol-pass-01", passwordResetRequired: true }))).body;
    assert.match(created.requestId, /^[0-9A-F-]{36}$/);
    assert.equal(created.loginProfile.userName, "carol");
    assert.equal(created.loginProfile.passwordResetRequired, true);
    assert.equal(created.loginProfile.MFABindRequired, false);
    assert.match(created.loginProfile.createDate, RAM_DATE);
    assert.equal("password" in created.loginProfile, false);
    await assert.rejects(
      ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "carol", password: "Carol-pass-02" })),
      fails("EntityAlreadyExists.User.LoginProfile", 409),
    );

    await ram.updateLoginProfile(new Ram.UpdateLoginProfileRequest({ userName: "carol", passwordResetRequired: false, MFABindRequired: true }));
    const got = (await ram.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: "carol" }))).body.loginProfile;
    assert.deepEqual(
      { userName: got.userName, passwordResetRequired: got.passwordResetRequired, MFABindRequired: got.MFABindRequired, createDate: got.createDate },
      { userName: "carol", passwordResetRequired: false, MFABindRequired: true, createDate: created.loginProfile.createDate },
    );
    await ram.updateLoginProfile(new Ram.UpdateLoginProfileRequest({ userName: "carol", password: "Carol-pass-03" }));
    await assert.rejects(
      ram.updateLoginProfile(new Ram.UpdateLoginProfileRequest({ userName: "carol", password: "has space 1" })),
      fails("InvalidParameter.Password", 400),
    );

    await ram.deleteLoginProfile(new Ram.DeleteLoginProfileRequest({ userName: "carol" }));
    await assert.rejects(ram.deleteLoginProfile(new Ram.DeleteLoginProfileRequest({ userName: "carol" })), fails("EntityNotExist.User.LoginProfile", 404));
    await assert.rejects(ram.updateLoginProfile(new Ram.UpdateLoginProfileRequest({ userName: "carol", password: "Carol-pass-04" })), fails("EntityNotExist.User.LoginProfile", 404));
    // No password ever reaches the log, whatever the outcome.
    const leaked = s.logs.filter((l) => /Carol-pass|has space 1/.test(l));
    assert.deepEqual(leaked, [], "a password was logged");
  });

  test("a user's policy on the global ARN acs:ram::<account>:user/<name> (no region) applies", async () => {
    await ram.createUser(new Ram.CreateUserRequest({ userName: "helpdesk" }));
    await ram.createUser(new Ram.CreateUserRequest({ userName: "dave" }));
    await ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "dave", password: "Dave-pass-001" }));
    await ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "carol", password: "Carol-pass-05" }));
    const document = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: ["ram:GetLoginProfile", "ram:UpdateLoginProfile"], Resource: `acs:ram::${accountId}:user/dave` }],
    });
    await ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: "dave-passwords", policyDocument: document }));
    await ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "dave-passwords", userName: "helpdesk" }));
    const key = (await ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: "helpdesk" }))).body.accessKey;
    const helpdesk = client(key.accessKeyId, key.accessKeySecret);

    assert.equal((await helpdesk.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: "dave" }))).body.loginProfile.userName, "dave");
    await helpdesk.updateLoginProfile(new Ram.UpdateLoginProfileRequest({ userName: "dave", passwordResetRequired: true }));
    await assert.rejects(helpdesk.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: "carol" })), fails("Forbidden.RAM", 403));
    await assert.rejects(helpdesk.deleteLoginProfile(new Ram.DeleteLoginProfileRequest({ userName: "dave" })), fails("Forbidden.RAM", 403));
    // The denial names the global ARN.
    const line = s.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "Denied request" && l.action === "ram:DeleteLoginProfile");
    assert.equal(line?.resource, `acs:ram::${accountId}:user/dave`);
  });
});
