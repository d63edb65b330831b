// Shared mappers of the Market 2015-11-01 face (ALIBABA.md 5): legacy POP list wrappers
// ({"InstanceItem": [...]}), numeric ids and epoch-millisecond times, JSON documents as strings.
import type { MarketInstanceView } from "../../../../core/market/market-instances.ts";
import { appJson, hostJson } from "../../../../core/market/instance-details.ts";
import type { MarketInstance } from "../../../../core/market/market-instance.ts";
import type { MarketProduct, ProductSku, SkuComponent } from "../../../../core/market/product.ts";

export const MARKET = { product: "Market", version: "2015-11-01" } as const;

/** Ids are digit strings in the domain, numbers on the wire (all below 2^53). */
export const num = (id: string | undefined): number => (id && /^\d+$/.test(id) ? Number(id) : 0);
export const ms = (d: Date | undefined): number => (d ? d.getTime() : 0);

/** RelationalData.ServiceStatus: the SERVICE status set; empty for the other product types. */
export const serviceStatusOf = (i: MarketInstance): string => (i.productType === "SERVICE" ? i.status : "");

function extendJson(view: MarketInstanceView): string {
  const i = view.instance;
  const extra: Record<string, string> = {};
  if (i.serviceInstanceId) extra.serviceInstanceId = i.serviceInstanceId;
  if (view.linked) extra.serviceInstanceStatus = view.linked.status;
  if (i.deliveryError) extra.deliveryError = i.deliveryError;
  return JSON.stringify(extra);
}

/** The deprecated Modules wrapper, filled from the chosen components (Module/Properties/PropertyValues). */
export function modulesOf(components: readonly SkuComponent[], chosen?: Readonly<Record<string, string>>) {
  return {
    Module: components
      .filter((c) => !chosen || chosen[c.code] !== undefined)
      .map((c) => ({
        Id: c.code,
        Code: c.code,
        Name: c.name,
        Properties: {
          Property: [
            {
              Key: c.code,
              Name: c.name,
              ShowType: "select",
              DisplayUnit: "",
              PropertyValues: {
                PropertyValue: c.values
                  .filter((v) => !chosen || chosen[c.code] === v.value)
                  .map((v) => ({ Value: v.value, DisplayName: v.name, Type: "enum", Step: "", Max: "", Min: "", Remark: "" })),
              },
            },
          ],
        },
      })),
  };
}

const skuOf = (view: MarketInstanceView): ProductSku | undefined => view.product?.skus.find((s) => s.code === view.instance.skuCode);

/** DescribeInstance: every field of the seed with its documented type, plus the current model's extras. */
export function toDescribeInstanceResponse(view: MarketInstanceView) {
  const i = view.instance;
  const app = appJson(view.linked, view.product?.appOutputs);
  return {
    Status: i.status,
    AppJson: JSON.stringify(app),
    ProductName: i.productName,
    InstanceId: num(i.id),
    ExtendJson: extendJson(view),
    IsTrial: i.isTrial,
    BeganOn: ms(i.beganOn),
    ComponentJson: JSON.stringify(i.components),
    Constraints: "{}",
    ProductType: i.productType,
    HostJson: JSON.stringify(hostJson(view.linked)),
    ProductSkuCode: i.skuCode,
    CreatedOn: ms(i.createdAt),
    EndOn: ms(i.endOn),
    OrderId: num(i.orderId),
    ProductCode: i.productCode,
    SupplierName: i.supplierName,
    RelationalData: { ServiceStatus: serviceStatusOf(i) },
    Modules: modulesOf(skuOf(view)?.components ?? [], i.components),
    ActiveAddress: app.frontEndUrl ?? "",
    AutoRenewal: "",
    LicenseCode: i.licenseCode ?? "",
  };
}

/** One InstanceItem of DescribeInstances. */
export function toInstanceItem(view: MarketInstanceView) {
  const i = view.instance;
  return {
    InstanceId: num(i.id),
    OrderId: num(i.orderId),
    ProductCode: i.productCode,
    ProductName: i.productName,
    ProductSkuCode: i.skuCode,
    ProductType: i.productType,
    SupplierName: i.supplierName,
    Status: i.status,
    BeganOn: ms(i.beganOn),
    CreatedOn: ms(i.createdAt),
    EndOn: ms(i.endOn),
    AppJson: JSON.stringify(appJson(view.linked, view.product?.appOutputs)),
    HostJson: JSON.stringify(hostJson(view.linked)),
    ApiJson: "{}",
    ImageJson: "{}",
    IdaasJson: "{}",
    ExtendJson: extendJson(view),
  };
}

/** The lowest price of one period among the product's visible SKUs, for list views. */
export function lowestPrice(product: MarketProduct): { price: number; cycle: string } | undefined {
  let best: { price: number; cycle: string } | undefined;
  for (const sku of product.skus.filter((s) => !s.hidden)) {
    for (const p of sku.periods) if (!best || p.price < best.price) best = { price: p.price, cycle: p.cycle };
  }
  return best;
}

/** "2019-05-25 09:00:00" (ALIBABA.md 5.4), in UTC. */
export function wallClock(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 19).replace("T", " ") : "";
}
