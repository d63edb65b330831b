import type { Static, TSchema } from "@sinclair/typebox";
import type { RequestContext } from "./request-context.ts";

/**
 * What an operation is checked against, copied from the vendor's "RAM authorization" table.
 * `resource` is the ARN's resource part with `{Param}` placeholders filled from the parsed
 * input, e.g. "serviceinstance/{ServiceInstanceId}", or "*" for "All Resources".
 * The full ARN is acs:{service}:{regionId}:{accountId}:{resource}; a global service's (RAM, STS)
 * has an empty region: acs:ram::{accountId}:user/{UserName}.
 */
export interface IamDeclaration {
  /** e.g. "computenest:GetServiceInstance" */
  readonly action: string;
  readonly resource: string;
  /** The service is global: its ARNs name no region. */
  readonly global?: boolean;
  /**
   * The tags of the one resource the request names (acs:ResourceTag/<key> conditions), read
   * before authorization; {} when it has none or does not exist (the operation then answers
   * not found as usual, if the request is allowed).
   */
  resourceTags?(ctx: RequestContext, input: Readonly<Record<string, unknown>>): Promise<Readonly<Record<string, string>>>;
}

/**
 * One Alibaba RPC operation: a short declarative file per action (STYLE.md section 3).
 * `params` is a TypeBox schema of the *unflattened* parameters (Tag.1.Key -> Tag[0].Key);
 * the face validates and coerces strings to the declared types before `run`.
 * `run` returns the response fields (vendor names and casing) without RequestId; the face adds
 * RequestId and serialises JSON or XML. Throw DomainError for anything the caller did wrong.
 */
export interface RpcOperation<P extends TSchema = TSchema, R extends object = object> {
  /** Product code as on the wire, e.g. "ComputeNest", "ComputeNestSupplier", "Market". */
  readonly product: string;
  /** API version, e.g. "2021-06-01". */
  readonly version: string;
  /** Action name, e.g. "GetServiceInstance". */
  readonly action: string;
  readonly iam: IamDeclaration;
  readonly params: P;
  run(ctx: RequestContext, input: Static<P>): Promise<R>;
}

/** Identity function that keeps the input type of `run` tied to the schema. */
export function defineRpcOperation<P extends TSchema, R extends object>(op: RpcOperation<P, R>): RpcOperation<P, R> {
  return op;
}
