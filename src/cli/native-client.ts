import { signAcs3, percentEncode } from "./acs3-signer.ts";
import { CliError } from "./cli-error.ts";
import type { CliCredentials } from "./credentials.ts";
import { sendRequest, type HttpResponse } from "./http-request.ts";

/** Shapes of the native API, as in src/faces/native/openapi.json. */
export interface AccountView {
  accountId: string;
  name: string;
  isOperator: boolean;
  createdAt: string;
}

export interface AccessKeyView {
  accessKeyId: string;
  accountId: string;
  userId?: string;
  status: "Active" | "Inactive";
  createdAt: string;
  lastUsedAt?: string;
}

export interface NewAccessKeyView extends AccessKeyView {
  accessKeySecret: string;
}

export interface ApprovedRegistrationView {
  serviceId: string;
  version: string;
  status: string;
  registrationId?: string;
}

/** PUT /market/products/{code}: the product as stored. */
export interface MarketProductView {
  code: string;
  created: boolean;
  name: string;
  type: string;
  supplierAccountId: string;
  supplierName: string;
  skus: { code: string; chargeType: string }[];
  computeNest?: { serviceId: string; regionId: string; serviceVersion?: string };
  createdAt: string;
  updatedAt: string;
}

/** POST /market/orders/{orderId}/pay: the order, paid. */
export interface MarketOrderView {
  orderId: string;
  accountId: string;
  orderType: string;
  paymentType: string;
  payStatus: "PAID" | "UNPAID";
  productCode: string;
  productSkuCode: string;
  productName: string;
  instanceIds: string[];
  originalPrice: number;
  tradePrice: number;
  createdAt: string;
  paidAt?: string;
}

/** GET /market/instances/{instanceId}/usage: pushed usage summed per item, key and period. */
export interface MarketUsageView {
  instanceId: string;
  period: string;
  from: string;
  to: string;
  usages: { meteringItem: string; key: string; periodStart: string; total: number; records: number }[];
}

/** An error answer of the native API: {"code","message","requestId"}. */
export class NativeApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string,
  ) {
    super(`${code}: ${apiMessage}${requestId ? ` (request id ${requestId})` : ""}`);
    this.name = "NativeApiError";
  }
}

const PREFIX = "/nestbox/v1";

/** A typed client of /nestbox/v1, signing every request with ACS3-HMAC-SHA256. */
export class NativeClient {
  constructor(private readonly credentials: CliCredentials) {}

  createAccount(name: string): Promise<AccountView> {
    return this.call("POST", "/accounts", {}, { name });
  }

  async listAccounts(): Promise<AccountView[]> {
    return (await this.call<{ accounts: AccountView[] }>("GET", "/accounts")).accounts;
  }

  createAccessKey(accountId?: string): Promise<NewAccessKeyView> {
    return this.call("POST", "/keys", {}, accountId ? { accountId } : {});
  }

  async listAccessKeys(accountId?: string): Promise<AccessKeyView[]> {
    const query: Record<string, string> = accountId ? { accountId } : {};
    return (await this.call<{ accessKeys: AccessKeyView[] }>("GET", "/keys", query)).accessKeys;
  }

  setAccessKeyStatus(accessKeyId: string, status: "Active" | "Inactive"): Promise<AccessKeyView> {
    return this.call("PATCH", `/keys/${percentEncode(accessKeyId)}`, {}, { status });
  }

  async deleteAccessKey(accessKeyId: string): Promise<void> {
    await this.call("DELETE", `/keys/${percentEncode(accessKeyId)}`);
  }

  approveRegistration(serviceId: string, version: string): Promise<ApprovedRegistrationView> {
    return this.call("POST", `/services/${percentEncode(serviceId)}/versions/${percentEncode(version)}/approve`);
  }

  /** Publishes (creates or replaces) a Marketplace product from its document (product.yaml's Product). */
  publishMarketProduct(code: string, product: Record<string, unknown>): Promise<MarketProductView> {
    return this.call("PUT", `/market/products/${percentEncode(code)}`, {}, product);
  }

  payMarketOrder(orderId: string): Promise<MarketOrderView> {
    return this.call("POST", `/market/orders/${percentEncode(orderId)}/pay`);
  }

  /** `from`/`to`: ISO 8601 or Unix seconds; `to` is exclusive. */
  marketUsage(instanceId: string, range: { from?: string; to?: string; period?: string } = {}): Promise<MarketUsageView> {
    const query = Object.fromEntries(Object.entries(range).filter((e): e is [string, string] => e[1] !== undefined));
    return this.call("GET", `/market/instances/${percentEncode(instanceId)}/usage`, query);
  }

  private async call<T>(method: string, path: string, query: Record<string, string> = {}, body?: object): Promise<T> {
    const { endpoint, accessKeyId, accessKeySecret } = this.credentials;
    const signed = signAcs3(
      {
        method,
        host: endpoint.host,
        path: PREFIX + path,
        query,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { accessKeyId, accessKeySecret },
    );
    const response = await sendRequest(endpoint, method, signed.pathAndQuery, signed.headers, signed.body);
    return parseAnswer<T>(response);
  }
}

function parseAnswer<T>(response: HttpResponse): T {
  let parsed: unknown = undefined;
  if (response.body !== "") {
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new CliError(`The server answered HTTP ${response.status} with a body that is not JSON.`);
    }
  }
  if (response.status >= 200 && response.status < 300) return parsed as T;
  const e = (parsed ?? {}) as { code?: unknown; message?: unknown; requestId?: unknown };
  throw new NativeApiError(
    response.status,
    typeof e.code === "string" ? e.code : `HTTP_${response.status}`,
    typeof e.message === "string" ? e.message : "The request failed.",
    typeof e.requestId === "string" ? e.requestId : "",
  );
}
