import type { Static, TSchema } from "@sinclair/typebox";
import type { IamDeclaration } from "../shared/operation.ts";
import type { RequestContext } from "../shared/request-context.ts";

/**
 * One Alibaba ROA (REST) operation, e.g. EAS ListServiceInstances:
 * `GET /api/v2/services/{ClusterId}/{ServiceName}/instances`. `params` is a TypeBox schema of
 * path parameters and query parameters together (validated and coerced like RPC ones); `body`,
 * when given, validates the JSON body. `run` returns a JSON object (every 2xx is one).
 */
export interface RoaOperation<P extends TSchema = TSchema, B extends TSchema = TSchema, R extends object = object> {
  readonly product: string;
  readonly version: string;
  readonly action: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path template with `{Name}` segments. */
  readonly path: string;
  readonly iam: IamDeclaration;
  readonly params: P;
  readonly body?: B;
  /** HTTP status of success (default 200). */
  readonly successStatus?: number;
  run(ctx: RequestContext, input: Static<P>, body: Static<B> | undefined): Promise<R>;
}

export function defineRoaOperation<P extends TSchema, B extends TSchema, R extends object>(op: RoaOperation<P, B, R>): RoaOperation<P, B, R> {
  return op;
}
