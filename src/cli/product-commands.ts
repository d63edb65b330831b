import type { Command } from "commander";
import { percentEncode, signAcs3 } from "./acs3-signer.ts";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import type { CliCredentials } from "./credentials.ts";
import { sendRequest } from "./http-request.ts";
import { NativeApiError } from "./native-client.ts";
import { printObject, printRows, type Column } from "./output.ts";

/** A product's state for an account, as GET /nestbox/v1/accounts/{id}/products answers. */
interface ProductView {
  accountId: string;
  product: string;
  description: string;
  status: "Enabled" | "EnabledByDefault" | "Disabled";
  enabledByDefault: boolean;
  changedBy?: string;
  changedAt?: string;
}

const PRODUCT_COLUMNS: Column<ProductView>[] = [
  { header: "product", value: (p) => p.product },
  { header: "status", value: (p) => p.status },
  { header: "changedBy", value: (p) => p.changedBy },
  { header: "changedAt", value: (p) => p.changedAt },
  { header: "description", value: (p) => p.description },
];

/** `nestbox products list|enable|disable --account <id>`: which products an account may deploy. */
export function addProductCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const products = program.command("products").description("Products (resource providers) enabled per account.");
  products
    .command("list")
    .description("List the products and whether each is on for the account.")
    .requiredOption("--account <id>", "account id")
    .action(async (opts: { account: string }, cmd: Command) => {
      const ctx = context(cmd);
      const { products: list } = await callNative<{ products: ProductView[] }>(ctx.credentials(), "GET", `/accounts/${percentEncode(opts.account)}/products`);
      printRows(ctx.io, ctx.output, { products: list }, list, PRODUCT_COLUMNS);
    });
  for (const [verb, text] of [
    ["enable", "Enable a product for an account (operator only)."],
    ["disable", "Disable a product for an account (operator only); templates cannot auto-enable it then."],
  ] as const) {
    products
      .command(`${verb} <product>`)
      .description(text)
      .requiredOption("--account <id>", "account id")
      .action(async (product: string, opts: { account: string }, cmd: Command) => {
        const ctx = context(cmd);
        const path = `/accounts/${percentEncode(opts.account)}/products/${percentEncode(product)}/${verb}`;
        printObject(ctx.io, ctx.output, { ...(await callNative<ProductView>(ctx.credentials(), "POST", path)) });
      });
  }
}

/** One signed call to the native API (/nestbox/v1), answering the parsed body or throwing NativeApiError. */
async function callNative<T>(credentials: CliCredentials, method: string, path: string): Promise<T> {
  const { endpoint, accessKeyId, accessKeySecret } = credentials;
  const signed = signAcs3({ method, host: endpoint.host, path: `/nestbox/v1${path}`, query: {}, headers: {} }, { accessKeyId, accessKeySecret });
  const response = await sendRequest(endpoint, method, signed.pathAndQuery, signed.headers, signed.body);
  let parsed: unknown;
  try {
    parsed = response.body === "" ? undefined : JSON.parse(response.body);
  } catch {
    throw new CliError(`The server answered HTTP ${response.status} with a body that is not JSON.`);
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
