import { signAcs3 } from "./acs3-signer.ts";
import { CliError } from "./cli-error.ts";
import type { CliCredentials } from "./credentials.ts";
import { sendRequest } from "./http-request.ts";

export const COMPUTE_NEST = { product: "ComputeNest", version: "2021-06-01" } as const;
export const COMPUTE_NEST_SUPPLIER = { product: "ComputeNestSupplier", version: "2021-05-21" } as const;

export type RpcApi = { readonly product: string; readonly version: string };
export type RpcValue = string | number | boolean | null | undefined | RpcValue[] | { [key: string]: RpcValue };

/** An Alibaba error answer: {"Code","Message","RequestId"}. */
export class RpcApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string,
  ) {
    super(`${code}: ${apiMessage}${requestId ? ` (request id ${requestId})` : ""}`);
    this.name = "RpcApiError";
  }
}

/**
 * Flattens parameters the way @alicloud/openapi-util `query()` does (CLIENTS.md 4.5): objects
 * give `Parent.Child`, arrays `Parent.1` (1-based), null/undefined are dropped.
 */
export function flattenParams(params: Readonly<Record<string, RpcValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: RpcValue): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(`${prefix}.${i + 1}`, item));
    else if (typeof value === "object") for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    else out[prefix] = String(value);
  };
  for (const [name, value] of Object.entries(params)) walk(name, value);
  return out;
}

/**
 * Calls an Alibaba RPC operation as the current generated SDKs do (ALIBABA.md 1.4): `POST /`,
 * parameters in the query, empty body, action and version in x-acs-* headers, ACS3 signature.
 */
export class RpcClient {
  constructor(private readonly credentials: CliCredentials) {}

  async call<T = Record<string, unknown>>(api: RpcApi, action: string, params: Record<string, RpcValue> = {}): Promise<T> {
    const { endpoint, accessKeyId, accessKeySecret } = this.credentials;
    const signed = signAcs3(
      {
        method: "POST",
        host: endpoint.host,
        path: "/",
        query: flattenParams(params),
        headers: { "x-acs-action": action, "x-acs-version": api.version, "x-acs-credentials-provider": "static_ak" },
      },
      { accessKeyId, accessKeySecret },
    );
    const response = await sendRequest(endpoint, "POST", signed.pathAndQuery, signed.headers, signed.body);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      throw new CliError(`${action} answered HTTP ${response.status} with a body that is not JSON.`);
    }
    if (response.status >= 400 || (typeof parsed.Code === "string" && response.status !== 200)) {
      throw new RpcApiError(
        response.status,
        String(parsed.Code ?? `HTTP_${response.status}`),
        String(parsed.Message ?? "The request failed."),
        String(parsed.RequestId ?? ""),
      );
    }
    return parsed as T;
  }
}
