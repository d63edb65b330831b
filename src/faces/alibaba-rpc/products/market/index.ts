import type { RpcOperation } from "../../../shared/operation.ts";
import activateLicense from "./activate-license.ts";
import createOrder from "./create-order.ts";
import describeInstance from "./describe-instance.ts";
import describeInstanceForIsv from "./describe-instance-for-isv.ts";
import describeInstances from "./describe-instances.ts";
import describeLicense from "./describe-license.ts";
import describeMeteringUsage from "./describe-metering-usage.ts";
import describeOrder from "./describe-order.ts";
import describePrice from "./describe-price.ts";
import describeProduct from "./describe-product.ts";
import describeProducts from "./describe-products.ts";
import payOrder from "./pay-order.ts";
import publishProduct from "./publish-product.ts";
import pushMeteringData from "./push-metering-data.ts";

/** Market 2015-11-01 operations served by nestbox; PublishProduct, PayOrder and DescribeMeteringUsage are nestbox's own. */
export const marketOperations: RpcOperation[] = [
  describeProduct,
  describeProducts,
  publishProduct,
  createOrder,
  describeOrder,
  describePrice,
  payOrder,
  describeInstance,
  describeInstances,
  describeInstanceForIsv,
  activateLicense,
  describeLicense,
  pushMeteringData,
  describeMeteringUsage,
];
