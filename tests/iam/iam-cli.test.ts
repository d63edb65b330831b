// `nestbox iam ...` against a real server: a user, a group, a custom policy attached, a role
// assumed through STS; failures print RAM's code.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliServer, nestbox } from "../cli/cli-harness.ts";

describe("nestbox iam", () => {
  const cli = cliServer();

  const ok = async (...argv: string[]) => {
    const run = await nestbox(cli.env, ...argv, "--output", "json");
    assert.equal(run.code, 0, `${argv.join(" ")}: ${run.stderr}`);
    return run.json();
  };

  test("users, keys, groups, policies and attachments", async () => {
    const user = await ok("iam", "users", "create", "ci-bot", "--display-name", "CI bot");
    assert.equal(user.UserName, "ci-bot");
    const key = await ok("iam", "keys", "create", "ci-bot");
    assert.match(key.AccessKeyId, /^LTAI/);
    assert.ok(key.AccessKeySecret);
    assert.equal((await ok("iam", "keys", "list", "ci-bot")).AccessKeys.AccessKey.length, 1);

    await ok("iam", "groups", "create", "bots");
    await ok("iam", "groups", "add-user", "bots", "ci-bot");
    const document = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "computenest:List*", Resource: "*" }] });
    assert.equal((await ok("iam", "policies", "create", "lister", "--document", document)).DefaultVersion, "v1");
    assert.equal((await ok("iam", "policies", "update", "lister", "--document", document)).VersionId, "v2");
    await ok("iam", "attach", "lister", "--group", "bots");
    await ok("iam", "attach", "AliyunComputeNestReadOnlyAccess", "--system", "--user", "ci-bot");
    const policies = (await ok("iam", "policies", "list", "--type", "Custom")).Policies.Policy;
    assert.deepEqual(policies.map((p: any) => [p.PolicyName, p.AttachmentCount]), [["lister", 1]]);

    const table = await nestbox(cli.env, "iam", "users", "list");
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /USERNAME[\s\S]*ci-bot/);

    const conflict = await nestbox(cli.env, "iam", "users", "delete", "ci-bot");
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /DeleteConflict\.User\.AccessKey/);
    const twoTargets = await nestbox(cli.env, "iam", "attach", "lister", "--user", "a", "--role", "b");
    assert.equal(twoTargets.code, 1);
    assert.match(twoTargets.stderr, /exactly one/);
  });

  test("login profiles: create, get, update, delete; the password never printed", async () => {
    await ok("iam", "users", "create", "web-user");
    const created = await ok("iam", "login-profile", "create", "web-user", "--password", "Web-user-pass1");
    assert.deepEqual(created, { UserName: "web-user", PasswordResetRequired: false, MFABindRequired: false, CreateDate: created.CreateDate });
    const file = join(cli.dataDir, "new-password.txt");
    writeFileSync(file, "Web-user-pass2\n");
    const updated = await ok("iam", "login-profile", "update", "web-user", "--password", `@${file}`, "--reset-required");
    assert.equal(updated.PasswordResetRequired, true);
    assert.equal((await ok("iam", "login-profile", "update", "web-user", "--no-reset-required")).PasswordResetRequired, false);
    assert.equal((await ok("iam", "login-profile", "get", "web-user")).UserName, "web-user");
    assert.equal((await ok("iam", "login-profile", "delete", "web-user")).deleted, true);
    const gone = await nestbox(cli.env, "iam", "login-profile", "get", "web-user");
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /EntityNotExist\.User\.LoginProfile/);
    const missing = await nestbox({ ...cli.env, NESTBOX_IAM_PASSWORD: "" }, "iam", "login-profile", "create", "web-user");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--password/);
  });

  test("roles and assume-role", async () => {
    const trust = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${cli.running.server.operator.accountId}:root`] } }] });
    const role = await ok("iam", "roles", "create", "deployer", "--trust-policy", trust, "--max-session-duration", "7200");
    assert.equal(role.MaxSessionDuration, 7200);
    const creds = await ok("iam", "assume-role", role.Arn, "--session", "cli", "--duration", "900");
    assert.match(creds.AccessKeyId, /^STS\./);
    assert.ok(creds.SecurityToken);
    assert.match(creds.Expiration, /Z$/);
    assert.equal(creds.Arn, `${role.Arn}/cli`);
  });
});
