import type { RpcOperation } from "../shared/operation.ts";
import type { AuthorizationRequest, Authorizer } from "../shared/ports.ts";
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
 * Fills the operation's ARN template from the input ({Param} -> value, `*` when absent).
 * ARN: acs:<service>:<region>:<account>:<resource> (the seeds' RAM tables); a global service's
 * (RAM, STS: `iam.global`) names no region: acs:ram::<account>:user/<name>.
 */
export function resourceArn(op: RpcOperation, ctx: RequestContext, input: Record<string, unknown>): string {
  const template = compiled(op);
  if (template.all) return "*";
  let resource = "";
  for (let i = 0; i < template.parts.length; i++) {
    if (i % 2 === 0) resource += template.parts[i];
    else {
      const v = input[template.parts[i]!];
      resource += typeof v === "string" || typeof v === "number" ? String(v) : "*";
    }
  }
  if (resource === "*") return "*";
  const region = op.iam.global ? "" : ctx.regionId;
  return `acs:${template.service}:${region}:${ctx.caller.accountId}:${resource}`;
}

/** An operation's ARN template split once: literal text at even indexes, parameter names at odd ones. */
interface ArnTemplate {
  readonly service: string;
  readonly all: boolean;
  readonly parts: readonly string[];
}

const templates = new WeakMap<RpcOperation, ArnTemplate>();

function compiled(op: RpcOperation): ArnTemplate {
  let t = templates.get(op);
  if (!t) {
    t = { service: op.iam.action.split(":")[0]!, all: op.iam.resource === "*", parts: op.iam.resource.split(/\{(\w+)\}/) };
    templates.set(op, t);
  }
  return t;
}

/**
 * acs:RequestTag/<key>: the tags a request sets, from its Tag.N.Key / Tag.N.Value parameters
 * (unflattened to Tag[]); a key without a value reads as "".
 */
export function requestTagsOf(input: Record<string, unknown>): Record<string, string> | undefined {
  const tags = input.Tag;
  if (!Array.isArray(tags)) return undefined;
  const out: Record<string, string> = {};
  for (const t of tags) {
    if (t && typeof t === "object" && typeof (t as { Key?: unknown }).Key === "string") {
      const { Key, Value } = t as { Key: string; Value?: unknown };
      out[Key] = typeof Value === "string" ? Value : "";
    }
  }
  return out;
}

/** Asks the authorizer, with the request's and the named resource's tags; throws AccessDenied. */
export async function authorizeOperation(authorizer: Authorizer, ctx: RequestContext, op: RpcOperation, input: Record<string, unknown>): Promise<void> {
  const resource = resourceArn(op, ctx, input);
  const requestTags = requestTagsOf(input);
  // An account's root is allowed everything: its requests need no resource read.
  const resourceTags = op.iam.resourceTags && ctx.caller.type !== "Root" ? await op.iam.resourceTags(ctx, input) : undefined;
  const request: { -readonly [K in keyof AuthorizationRequest]: AuthorizationRequest[K] } = {
    caller: ctx.caller,
    action: op.iam.action,
    resource,
    sourceIp: ctx.sourceIp,
    secureTransport: ctx.secureTransport,
  };
  if (requestTags) request.requestTags = requestTags;
  if (resourceTags) request.resourceTags = resourceTags;
  const decision = await authorizer.authorize(request);
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
