import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { NativeAdmin } from "./native-admin.ts";
import { callerOf } from "./native-request.ts";

/** Review of service registrations (NESTBOX_REVIEW_MODE=manual): the operator approves a version. */
export function registerServiceRoutes(app: FastifyInstance, admin: NativeAdmin): void {
  app.post(
    "/services/:serviceId/versions/:version/approve",
    {
      config: { action: "ApproveServiceRegistration" },
      schema: {
        params: Type.Object({
          serviceId: Type.String({ minLength: 1, maxLength: 128 }),
          version: Type.String({ minLength: 1, maxLength: 64 }),
        }),
      },
    },
    async (request) => {
      const { serviceId, version } = request.params as { serviceId: string; version: string };
      return admin.approveRegistration(callerOf(request), serviceId, version);
    },
  );
}
