import type { RpcOperation } from "../shared/operation.ts";
import type { Authorizer } from "../shared/ports.ts";
import type { RequestContext } from "../shared/request-context.ts";
import { ProtocolError } from "./errors.ts";

/** The AccessDeniedDetail object of a RAM denial (ALIBABA.md 2.3). */
export interface AccessDeniedDetail {
  readonly PolicyType: string;
  readonly AuthPrincipalOwnerId: string;
  readonly AuthPrincipalType: string;
  readonly AuthPrincipalDisplayName: string;
  readonly NoPermissionType: "ImplicitDeny" | "ExplicitDeny";
  readonly AuthAction: string;
  readonly EncodedDiagnosticMessage: string;
}

export class AccessDenied extends ProtocolError {
  constructor(
    readonly detail: AccessDeniedDetail,
    readonly resource: string,
  ) {
    super("Forbidden.RAM", `User not authorized to operate on the specified resource, or this API doesn't support RAM.`);
  }
}

/**
 * Fills the operation's ARN template from the input ({Param} -> value, `*` when absent) and asks
 * the authorizer. ARN: acs:<service>:<region>:<account>:<resource> (the seeds' RAM tables).
 */
export function resourceArn(op: RpcOperation, ctx: RequestContext, input: Record<string, unknown>): string {
  const service = op.iam.action.split(":")[0];
  const resource = op.iam.resource.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = input[name];
    return typeof v === "string" || typeof v === "number" ? String(v) : "*";
  });
  return resource === "*" ? "*" : `acs:${service}:${ctx.regionId}:${ctx.caller.accountId}:${resource}`;
}

export async function authorizeOperation(authorizer: Authorizer, ctx: RequestContext, op: RpcOperation, input: Record<string, unknown>): Promise<void> {
  const resource = resourceArn(op, ctx, input);
  const decision = await authorizer.authorize({
    caller: ctx.caller,
    action: op.iam.action,
    resource,
    sourceIp: ctx.sourceIp,
    secureTransport: ctx.secureTransport,
  });
  if (decision.allowed) return;
  const diagnostic = { action: op.iam.action, resource, principal: ctx.caller.displayName, explicit: decision.explicit };
  throw new AccessDenied(
    {
      PolicyType: decision.policyType ?? "AccountLevelIdentityBasedPolicy",
      AuthPrincipalOwnerId: ctx.caller.accountId,
      AuthPrincipalType: ctx.caller.type,
      AuthPrincipalDisplayName: ctx.caller.displayName,
      NoPermissionType: decision.explicit ? "ExplicitDeny" : "ImplicitDeny",
      AuthAction: op.iam.action,
      EncodedDiagnosticMessage: Buffer.from(JSON.stringify(diagnostic)).toString("base64"),
    },
    resource,
  );
}
