import type { Command } from "commander";
import type { CliContext } from "./cli-context.ts";
import type { AccessKeyView, AccountView } from "./native-client.ts";
import { printObject, printRows, type Column } from "./output.ts";

const ACCOUNT_COLUMNS: Column<AccountView>[] = [
  { header: "accountId", value: (a) => a.accountId },
  { header: "name", value: (a) => a.name },
  { header: "operator", value: (a) => (a.isOperator ? "yes" : "no") },
  { header: "createdAt", value: (a) => a.createdAt },
];

const KEY_COLUMNS: Column<AccessKeyView>[] = [
  { header: "accessKeyId", value: (k) => k.accessKeyId },
  { header: "accountId", value: (k) => k.accountId },
  { header: "status", value: (k) => k.status },
  { header: "createdAt", value: (k) => k.createdAt },
  { header: "lastUsedAt", value: (k) => k.lastUsedAt },
];

/** `nestbox accounts ...` and `nestbox keys ...`, over the native API. */
export function addAccountCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const accounts = program.command("accounts").description("Manage accounts (operator only).");
  accounts
    .command("create <name>")
    .description("Create an account; then give it a key with `nestbox keys create --account <id>`.")
    .action(async (name: string, _opts: object, cmd: Command) => {
      const ctx = context(cmd);
      printObject(ctx.io, ctx.output, { ...(await ctx.native().createAccount(name)) });
    });
  accounts
    .command("list")
    .description("List accounts.")
    .action(async (_opts: object, cmd: Command) => {
      const ctx = context(cmd);
      const list = await ctx.native().listAccounts();
      printRows(ctx.io, ctx.output, { accounts: list }, list, ACCOUNT_COLUMNS);
    });

  const keys = program.command("keys").description("Manage access keys.");
  keys
    .command("create")
    .description("Create an access key (default: for your own account). The secret is shown only once.")
    .option("--account <id>", "account to create the key for (operator only)")
    .action(async (opts: { account?: string }, cmd: Command) => {
      const ctx = context(cmd);
      printObject(ctx.io, ctx.output, { ...(await ctx.native().createAccessKey(opts.account)) });
    });
  keys
    .command("list")
    .description("List access keys (default: your own account's).")
    .option("--account <id>", "account whose keys to list (operator only)")
    .action(async (opts: { account?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const list = await ctx.native().listAccessKeys(opts.account);
      printRows(ctx.io, ctx.output, { accessKeys: list }, list, KEY_COLUMNS);
    });
  for (const [verb, status, text] of [
    ["disable", "Inactive", "Disable an access key; requests signed with it are refused."],
    ["enable", "Active", "Enable a disabled access key."],
  ] as const) {
    keys
      .command(`${verb} <accessKeyId>`)
      .description(text)
      .action(async (id: string, _opts: object, cmd: Command) => {
        const ctx = context(cmd);
        printObject(ctx.io, ctx.output, { ...(await ctx.native().setAccessKeyStatus(id, status)) });
      });
  }
  keys
    .command("delete <accessKeyId>")
    .description("Delete an access key for good.")
    .action(async (id: string, _opts: object, cmd: Command) => {
      const ctx = context(cmd);
      await ctx.native().deleteAccessKey(id);
      printObject(ctx.io, ctx.output, { accessKeyId: id, deleted: true });
    });
}
