import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { NativeAdmin } from "./native-admin.ts";
import { NativeError } from "./native-errors.ts";
import { callerOf } from "./native-request.ts";
import { toAccessKeyView, toNewAccessKeyView } from "./native-views.ts";

const ACCOUNT_ID = Type.String({ pattern: "^[0-9]{1,20}$" });
const KEY_PARAMS = Type.Object({ accessKeyId: Type.String({ minLength: 1, maxLength: 128 }) });

/** Access keys: create (secret shown once), list, disable/enable, delete. */
export function registerAccessKeyRoutes(app: FastifyInstance, admin: NativeAdmin): void {
  app.post(
    "/keys",
    // No body schema: the body is optional, and a schema would reject its absence.
    { config: { action: "CreateAccessKey" } },
    async (request, reply) => {
      const key = await admin.createAccessKey(callerOf(request), { accountId: optionalAccountId(request.body) });
      return reply.code(201).send(toNewAccessKeyView(key));
    },
  );

  app.get(
    "/keys",
    {
      config: { action: "ListAccessKeys" },
      schema: { querystring: Type.Object({ accountId: Type.Optional(ACCOUNT_ID) }, { additionalProperties: false }) },
    },
    async (request) => {
      const { accountId } = request.query as { accountId?: string };
      const keys = await admin.listAccessKeys(callerOf(request), { accountId });
      return { accessKeys: keys.map(toAccessKeyView) };
    },
  );

  app.patch(
    "/keys/:accessKeyId",
    {
      config: { action: "UpdateAccessKey" },
      schema: {
        params: KEY_PARAMS,
        body: Type.Object(
          { status: Type.Union([Type.Literal("Active"), Type.Literal("Inactive")]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { accessKeyId } = request.params as { accessKeyId: string };
      const { status } = request.body as { status: "Active" | "Inactive" };
      return toAccessKeyView(await admin.setAccessKeyStatus(callerOf(request), accessKeyId, status));
    },
  );

  app.delete(
    "/keys/:accessKeyId",
    { config: { action: "DeleteAccessKey" }, schema: { params: KEY_PARAMS } },
    async (request, reply) => {
      const { accessKeyId } = request.params as { accessKeyId: string };
      await admin.deleteAccessKey(callerOf(request), accessKeyId);
      return reply.code(204).send();
    },
  );
}

/** `{}`, no body, or `{"accountId":"<digits>"}`. */
function optionalAccountId(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== "object" || Array.isArray(body)) throw new NativeError("INVALID_ARGUMENT", "body must be an object");
  const { accountId, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new NativeError("INVALID_ARGUMENT", `body must not have property ${extra}`);
  if (accountId === undefined) return undefined;
  if (typeof accountId !== "string" || !/^[0-9]{1,20}$/.test(accountId)) {
    throw new NativeError("INVALID_ARGUMENT", "body/accountId must be a numeric account id");
  }
  return accountId;
}
