// nestbox extension (no vendor action): a supplier publishes a product document, the `Product`
// mapping of a product folder's product.yaml sent as JSON (`nestbox market publish <folder>`).
// The Marketplace lists suppliers' products through its console only. IAM action market:PublishProduct.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { JsonParam } from "../../../shared/params.ts";
import { MARKET } from "./market-wire.ts";
import { toDescribeProductResponse } from "./describe-product.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "PublishProduct",
  iam: { action: "market:PublishProduct", resource: "*" },
  params: Type.Object({ Product: JsonParam(Type.Unknown()) }),
  async run(ctx, input) {
    const { product, created } = await ctx.core.market.products.publish(ctx.caller, input.Product);
    const { Code, ...fields } = toDescribeProductResponse(product);
    // Named ProductCode here: a top-level Code reads as an error to pop-core (CLIENTS.md 6).
    return { ProductCode: Code, Created: created, ...fields };
  },
});
