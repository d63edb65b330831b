import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { NativeAdmin } from "./native-admin.ts";
import { callerOf } from "./native-request.ts";
import { toAccountView } from "./native-views.ts";

const ACCOUNT_NAME = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" });

/** POST/GET /accounts: the operator creates and lists accounts. */
export function registerAccountRoutes(app: FastifyInstance, admin: NativeAdmin): void {
  app.post(
    "/accounts",
    {
      config: { action: "CreateAccount" },
      schema: { body: Type.Object({ name: ACCOUNT_NAME }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const { name } = request.body as { name: string };
      const account = await admin.createAccount(callerOf(request), { name });
      return reply.code(201).send(toAccountView(account));
    },
  );

  app.get("/accounts", { config: { action: "ListAccounts" } }, async (request) => {
    const accounts = await admin.listAccounts(callerOf(request));
    return { accounts: accounts.map(toAccountView) };
  });
}
