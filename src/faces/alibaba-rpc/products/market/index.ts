import type { RpcOperation } from "../../../shared/operation.ts";
import activateLicense from "./activate-license.ts";
import createOrder from "./create-order.ts";
import describeInstance from "./describe-instance.ts";
import describeInstanceForIsv from "./describe-instance-for-isv.ts";
import describeInstances from "./describe-instances.ts";
import describeLicense from "./describe-license.ts";
import describeOrder from "./describe-order.ts";
import describePrice from "./describe-price.ts";
import describeProduct from "./describe-product.ts";
import describeProducts from "./describe-products.ts";
import pushMeteringData from "./push-metering-data.ts";

/**
 * Market 2015-11-01 operations served by nestbox: the vendor's actions only. Publishing products,
 * paying HAND orders and reading usage are nestbox's own API (src/faces/native/market-routes.ts).
 */
export const marketOperations: RpcOperation[] = [
  describeProduct,
  describeProducts,
  createOrder,
  describeOrder,
  describePrice,
  describeInstance,
  describeInstances,
  describeInstanceForIsv,
  activateLicense,
  describeLicense,
  pushMeteringData,
];
