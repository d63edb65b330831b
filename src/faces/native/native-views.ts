import { Type, type Static } from "@sinclair/typebox";
import type { AccessKey, Account } from "../../core/accounts/account.ts";
import type { AccessKeyInfo } from "./native-admin.ts";

/** JSON shapes of the native API (also in openapi.json). Times are ISO 8601 UTC strings. */
export const AccountView = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  isOperator: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
export type AccountView = Static<typeof AccountView>;

export const AccessKeyView = Type.Object({
  accessKeyId: Type.String(),
  accountId: Type.String(),
  userId: Type.Optional(Type.String()),
  status: Type.Union([Type.Literal("Active"), Type.Literal("Inactive")]),
  createdAt: Type.String({ format: "date-time" }),
  lastUsedAt: Type.Optional(Type.String({ format: "date-time" })),
});
export type AccessKeyView = Static<typeof AccessKeyView>;

/** Only the create answer carries the secret; it is shown once. */
export const NewAccessKeyView = Type.Intersect([AccessKeyView, Type.Object({ accessKeySecret: Type.String() })]);
export type NewAccessKeyView = Static<typeof NewAccessKeyView>;

export const toAccountView = (a: Account): AccountView => ({
  accountId: a.id,
  name: a.name,
  isOperator: a.isOperator,
  createdAt: a.createdAt.toISOString(),
});

export function toAccessKeyView(k: AccessKeyInfo): AccessKeyView {
  const view: AccessKeyView = {
    accessKeyId: k.id,
    accountId: k.accountId,
    status: k.status,
    createdAt: k.createdAt.toISOString(),
  };
  if (k.userId !== undefined) view.userId = k.userId;
  if (k.lastUsedAt !== undefined) view.lastUsedAt = k.lastUsedAt.toISOString();
  return view;
}

export const toNewAccessKeyView = (k: AccessKey): NewAccessKeyView => ({ ...toAccessKeyView(k), accessKeySecret: k.secret });
