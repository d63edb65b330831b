import type { RequestContext } from "../../../shared/request-context.ts";

/**
 * acs:ResourceTag/<key> of the one service instance a request names (ServiceInstanceId), read
 * for the authorizer: {} when there is none or the caller cannot see it (the operation itself
 * then answers not found, if the request is allowed at all).
 */
export async function serviceInstanceTags(ctx: RequestContext, input: Readonly<Record<string, unknown>>): Promise<Readonly<Record<string, string>>> {
  const id = input.ServiceInstanceId;
  if (typeof id !== "string" || id === "") return {};
  try {
    const { instance } = await ctx.core.instances.get(ctx.caller, { serviceInstanceId: id });
    return Object.fromEntries(instance.tags.map((t) => [t.key, t.value ?? ""]));
  } catch {
    return {};
  }
}
