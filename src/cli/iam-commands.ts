import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { printObject, printRows, type Column } from "./output.ts";
import type { RpcValue } from "./rpc-client.ts";

/** RAM and STS as the official SDKs call them (product code, version). */
export const RAM = { product: "Ram", version: "2015-05-01" } as const;
export const STS = { product: "Sts", version: "2015-04-01" } as const;

type Row = Record<string, unknown>;
type Ctx = (cmd: Command) => CliContext;

const col = (header: string, key = header): Column<Row> => ({ header, value: (r) => (r[key] === undefined ? undefined : String(r[key])) });
const USER_COLUMNS = [col("UserName"), col("UserId"), col("DisplayName"), col("CreateDate")];
const GROUP_COLUMNS = [col("GroupName"), col("GroupId"), col("Comments"), col("CreateDate")];
const ROLE_COLUMNS = [col("RoleName"), col("Arn"), col("MaxSessionDuration"), col("CreateDate")];
const POLICY_COLUMNS = [col("PolicyName"), col("PolicyType"), col("DefaultVersion"), col("Description")];
const KEY_COLUMNS = [col("AccessKeyId"), col("Status"), col("CreateDate")];

/** A policy document given inline (JSON) or as @file. */
function documentArg(value: string, cwd: string): string {
  if (!value.startsWith("@")) return value;
  try {
    return readFileSync(resolve(cwd, value.slice(1)), "utf8");
  } catch (e) {
    throw new CliError(`Cannot read the policy document ${value.slice(1)}: ${(e as Error).message}`);
  }
}

/**
 * A password from --password (inline, or @file so it stays out of the process list) or, when
 * absent, NESTBOX_IAM_PASSWORD. A trailing newline of a file is not part of it.
 */
function passwordArg(value: string | undefined, io: { cwd: string; env: Readonly<Record<string, string | undefined>> }): string | undefined {
  if (value === undefined) return io.env.NESTBOX_IAM_PASSWORD || undefined;
  if (!value.startsWith("@")) return value;
  try {
    return readFileSync(resolve(io.cwd, value.slice(1)), "utf8").replace(/\r?\n$/, "");
  } catch (e) {
    throw new CliError(`Cannot read the password file ${value.slice(1)}: ${(e as Error).message}`);
  }
}

/** `nestbox iam ...`: RAM users, access keys, groups, roles, policies and STS, over the RAM and STS APIs. */
export function addIamCommands(program: Command, context: Ctx): void {
  const iam = program.command("iam").description("Manage RAM users, groups, roles and policies of your account.");
  const call = (cmd: Command, action: string, params: Record<string, RpcValue> = {}, api: typeof RAM | typeof STS = RAM) =>
    context(cmd).rpc().call<Row>(api, action, params);
  const show = async (cmd: Command, action: string, params: Record<string, RpcValue>, pick: string) => {
    const ctx = context(cmd);
    printObject(ctx.io, ctx.output, (await call(cmd, action, params))[pick] as Row);
  };
  const done = (cmd: Command, data: Row) => {
    const ctx = context(cmd);
    printObject(ctx.io, ctx.output, data);
  };
  const list = async (cmd: Command, action: string, params: Record<string, RpcValue>, outer: string, inner: string, columns: Column<Row>[]) => {
    const ctx = context(cmd);
    const body = await call(cmd, action, params);
    const rows = ((body[outer] as Row | undefined)?.[inner] as Row[] | undefined) ?? [];
    printRows(ctx.io, ctx.output, body, rows, columns);
  };

  const users = iam.command("users").description("RAM users.");
  users
    .command("create <userName>")
    .option("--display-name <name>")
    .option("--comments <text>")
    .action((userName: string, o: { displayName?: string; comments?: string }, cmd: Command) =>
      show(cmd, "CreateUser", { UserName: userName, DisplayName: o.displayName, Comments: o.comments }, "User"),
    );
  users.command("get <userName>").action((userName: string, _o: object, cmd: Command) => show(cmd, "GetUser", { UserName: userName }, "User"));
  users.command("list").action((_o: object, cmd: Command) => list(cmd, "ListUsers", { MaxItems: 1000 }, "Users", "User", USER_COLUMNS));
  users.command("delete <userName>").action(async (userName: string, _o: object, cmd: Command) => {
    await call(cmd, "DeleteUser", { UserName: userName });
    done(cmd, { UserName: userName, deleted: true });
  });

  const profiles = iam.command("login-profile").description("RAM users' passwords (Keystone POST /v3/auth/tokens on the Huawei face).");
  type ProfileOptions = { password?: string; resetRequired?: boolean; mfaRequired?: boolean };
  const profileFlags = (o: ProfileOptions) => ({ PasswordResetRequired: o.resetRequired, MFABindRequired: o.mfaRequired });
  profiles
    .command("create <userName>")
    .option("--password <password|@file>", "the password (default: $NESTBOX_IAM_PASSWORD)")
    .option("--reset-required", "PasswordResetRequired")
    .option("--mfa-required", "MFABindRequired")
    .action((userName: string, o: ProfileOptions, cmd: Command) => {
      const password = passwordArg(o.password, context(cmd).io);
      if (password === undefined) throw new CliError("Give the password with --password or NESTBOX_IAM_PASSWORD.");
      return show(cmd, "CreateLoginProfile", { UserName: userName, Password: password, ...profileFlags(o) }, "LoginProfile");
    });
  profiles.command("get <userName>").action((userName: string, _o: object, cmd: Command) => show(cmd, "GetLoginProfile", { UserName: userName }, "LoginProfile"));
  profiles
    .command("update <userName>")
    .option("--password <password|@file>", "a new password (default: $NESTBOX_IAM_PASSWORD, else unchanged)")
    .option("--reset-required", "PasswordResetRequired")
    .option("--no-reset-required")
    .option("--mfa-required", "MFABindRequired")
    .option("--no-mfa-required")
    .action(async (userName: string, o: ProfileOptions, cmd: Command) => {
      await call(cmd, "UpdateLoginProfile", { UserName: userName, Password: passwordArg(o.password, context(cmd).io), ...profileFlags(o) });
      await show(cmd, "GetLoginProfile", { UserName: userName }, "LoginProfile");
    });
  profiles.command("delete <userName>").action(async (userName: string, _o: object, cmd: Command) => {
    await call(cmd, "DeleteLoginProfile", { UserName: userName });
    done(cmd, { UserName: userName, deleted: true });
  });

  const keys = iam.command("keys").description("Access keys of RAM users (the secret is shown only at creation).");
  keys.command("create <userName>").action((userName: string, _o: object, cmd: Command) => show(cmd, "CreateAccessKey", { UserName: userName }, "AccessKey"));
  keys.command("list <userName>").action((userName: string, _o: object, cmd: Command) =>
    list(cmd, "ListAccessKeys", { UserName: userName }, "AccessKeys", "AccessKey", KEY_COLUMNS),
  );
  keys.command("delete <userName> <accessKeyId>").action(async (userName: string, id: string, _o: object, cmd: Command) => {
    await call(cmd, "DeleteAccessKey", { UserName: userName, UserAccessKeyId: id });
    done(cmd, { AccessKeyId: id, deleted: true });
  });

  const groups = iam.command("groups").description("RAM user groups.");
  groups
    .command("create <groupName>")
    .option("--comments <text>")
    .action((groupName: string, o: { comments?: string }, cmd: Command) => show(cmd, "CreateGroup", { GroupName: groupName, Comments: o.comments }, "Group"));
  groups.command("list").action((_o: object, cmd: Command) => list(cmd, "ListGroups", { MaxItems: 1000 }, "Groups", "Group", GROUP_COLUMNS));
  groups.command("delete <groupName>").action(async (groupName: string, _o: object, cmd: Command) => {
    await call(cmd, "DeleteGroup", { GroupName: groupName });
    done(cmd, { GroupName: groupName, deleted: true });
  });
  for (const [verb, action] of [["add-user", "AddUserToGroup"], ["remove-user", "RemoveUserFromGroup"]] as const) {
    groups.command(`${verb} <groupName> <userName>`).action(async (groupName: string, userName: string, _o: object, cmd: Command) => {
      await call(cmd, action, { GroupName: groupName, UserName: userName });
      done(cmd, { GroupName: groupName, UserName: userName, member: verb === "add-user" });
    });
  }

  const roles = iam.command("roles").description("RAM roles, assumed through STS.");
  roles
    .command("create <roleName>")
    .requiredOption("--trust-policy <json|@file>", "AssumeRolePolicyDocument: who may assume the role")
    .option("--description <text>")
    .option("--max-session-duration <seconds>", "3600..43200", (v) => Number(v))
    .action((roleName: string, o: { trustPolicy: string; description?: string; maxSessionDuration?: number }, cmd: Command) =>
      show(
        cmd,
        "CreateRole",
        { RoleName: roleName, AssumeRolePolicyDocument: documentArg(o.trustPolicy, context(cmd).io.cwd), Description: o.description, MaxSessionDuration: o.maxSessionDuration },
        "Role",
      ),
    );
  roles.command("get <roleName>").action((roleName: string, _o: object, cmd: Command) => show(cmd, "GetRole", { RoleName: roleName }, "Role"));
  roles.command("list").action((_o: object, cmd: Command) => list(cmd, "ListRoles", { MaxItems: 1000 }, "Roles", "Role", ROLE_COLUMNS));
  roles.command("delete <roleName>").action(async (roleName: string, _o: object, cmd: Command) => {
    await call(cmd, "DeleteRole", { RoleName: roleName });
    done(cmd, { RoleName: roleName, deleted: true });
  });

  const policies = iam.command("policies").description("Custom and system policies.");
  policies
    .command("create <policyName>")
    .requiredOption("--document <json|@file>", 'policy document, e.g. {"Version":"1","Statement":[...]}')
    .option("--description <text>")
    .action((name: string, o: { document: string; description?: string }, cmd: Command) =>
      show(cmd, "CreatePolicy", { PolicyName: name, PolicyDocument: documentArg(o.document, context(cmd).io.cwd), Description: o.description }, "Policy"),
    );
  policies
    .command("list")
    .option("--type <System|Custom>")
    .action((o: { type?: string }, cmd: Command) => list(cmd, "ListPolicies", { PolicyType: o.type, MaxItems: 1000 }, "Policies", "Policy", POLICY_COLUMNS));
  policies
    .command("get <policyName>")
    .option("--system", "a system policy (default: custom)")
    .action((name: string, o: { system?: boolean }, cmd: Command) => show(cmd, "GetPolicy", { PolicyName: name, PolicyType: o.system ? "System" : "Custom" }, "Policy"));
  policies
    .command("update <policyName>")
    .description("Add a version of the policy's document and make it the default.")
    .requiredOption("--document <json|@file>")
    .action((name: string, o: { document: string }, cmd: Command) =>
      show(
        cmd,
        "CreatePolicyVersion",
        { PolicyName: name, PolicyDocument: documentArg(o.document, context(cmd).io.cwd), SetAsDefault: true, RotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded" },
        "PolicyVersion",
      ),
    );
  policies
    .command("delete <policyName>")
    .option("--cascade", "detach it everywhere and delete every version")
    .action(async (name: string, o: { cascade?: boolean }, cmd: Command) => {
      await call(cmd, "DeletePolicy", { PolicyName: name, CascadingDelete: o.cascade === true });
      done(cmd, { PolicyName: name, deleted: true });
    });

  for (const [verb, prefix] of [["attach", "AttachPolicyTo"], ["detach", "DetachPolicyFrom"]] as const) {
    iam
      .command(`${verb} <policyName>`)
      .description(`${verb === "attach" ? "Attach a policy to" : "Detach a policy from"} one user, group or role.`)
      .option("--system", "a system policy (default: custom)")
      .option("--user <userName>")
      .option("--group <groupName>")
      .option("--role <roleName>")
      .action(async (policyName: string, o: { system?: boolean; user?: string; group?: string; role?: string }, cmd: Command) => {
        const targets = [["User", o.user], ["Group", o.group], ["Role", o.role]].filter(([, v]) => v !== undefined) as [string, string][];
        if (targets.length !== 1) throw new CliError("Name exactly one of --user, --group and --role.");
        const [kind, name] = targets[0]!;
        const policyType = o.system ? "System" : "Custom";
        await call(cmd, `${prefix}${kind}`, { PolicyType: policyType, PolicyName: policyName, [`${kind}Name`]: name });
        done(cmd, { PolicyName: policyName, PolicyType: policyType, [`${kind}Name`]: name, attached: verb === "attach" });
      });
  }

  iam
    .command("assume-role <roleArn>")
    .description("Get STS temporary credentials for a role (AccessKeyId, AccessKeySecret, SecurityToken, Expiration).")
    .option("--session <name>", "RoleSessionName", "nestbox-cli")
    .option("--duration <seconds>", "DurationSeconds (900..the role's maximum)", (v) => Number(v))
    .action(async (roleArn: string, o: { session: string; duration?: number }, cmd: Command) => {
      const body = await call(cmd, "AssumeRole", { RoleArn: roleArn, RoleSessionName: o.session, DurationSeconds: o.duration }, STS);
      done(cmd, { ...(body.Credentials as Row), ...(body.AssumedRoleUser as Row) });
    });
}
