// Marketplace end to end through the official clients against a real `nestbox serve`: a supplier
// publishes examples/market-product (delivered by examples/hello-web); buying it with the typed
// @alicloud/market20151101 client (ACS3 and v2) and pop-core creates a Compute Nest service
// instance that deploys; DescribeInstance answers every seed field with its documented type, in
// JSON and in XML; GetServiceInstance by MarketInstanceId is the same instance. Publishing, paying
// a HAND order and reading usage are nestbox's own API (/nestbox/v1/market), not Market actions.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { NativeApiError, NativeClient } from "../../../src/cli/native-client.ts";
import { rpcV1Signature, rpcV1StringToSign } from "../../../src/faces/shared/signatures/rpc-v1.ts";
import { operatorCredentials } from "../../server/harness.ts";
import { AK, commodity, fromBigNumbers, Market, PRODUCT, publishExampleProduct, SECRET, startMarketContext, waitFor, type MarketSdkContext } from "../../market/market-sdk-context.ts";

/** DescribeInstance fields of the seed (market-DescribeInstance.txt) with the seed's types. */
const SEED_TYPES: Record<string, "string" | "number" | "boolean" | "object" | "json"> = {
  Status: "string",
  AppJson: "json",
  ProductName: "string",
  InstanceId: "number",
  ExtendJson: "json",
  IsTrial: "boolean",
  BeganOn: "number",
  ComponentJson: "json",
  Constraints: "json",
  ProductType: "string",
  HostJson: "json",
  ProductSkuCode: "string",
  CreatedOn: "number",
  EndOn: "number",
  OrderId: "number",
  ProductCode: "string",
  SupplierName: "string",
  RelationalData: "object",
  Modules: "object",
};

function assertSeedTypes(body: Record<string, any>): void {
  for (const [field, type] of Object.entries(SEED_TYPES)) {
    assert.ok(field in body, `${field} is missing`);
    if (type === "json") {
      assert.equal(typeof body[field], "string", field);
      assert.equal(typeof JSON.parse(body[field]), "object", `${field} is a JSON document`);
    } else assert.equal(typeof body[field], type, `${field}: ${JSON.stringify(body[field])}`);
  }
  assert.equal(typeof body.RelationalData.ServiceStatus, "string");
  assert.ok(Array.isArray(body.Modules.Module));
}

/** A V1-signed GET (Format=XML): the clients all parse JSON, so XML is read raw here. */
async function getXml(port: number, params: Record<string, string>): Promise<string> {
  const all: Record<string, string> = {
    Format: "XML",
    Version: "2015-11-01",
    AccessKeyId: AK,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: crypto.randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  all.Signature = rpcV1Signature(rpcV1StringToSign("GET", all), SECRET);
  const res = await fetch(`http://127.0.0.1:${port}/?${new URLSearchParams(all)}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/xml/);
  return res.text();
}

describe("Marketplace purchase through the official clients", () => {
  let ctx: MarketSdkContext;
  before(async () => {
    ctx = await startMarketContext();
    await publishExampleProduct(ctx);
  });
  after(async () => ctx?.close());

  test("DescribeProduct and DescribeProducts answer the product with its legacy wrappers", async () => {
    const product = (await ctx.market().describeProduct(new Market.DescribeProductRequest({ code: PRODUCT }))).body;
    assert.equal(product.type, "SERVICE");
    assert.equal(product.productSkus.productSku[0].code, `${PRODUCT}-prepay`);
    assert.deepEqual(product.productSkus.productSku[0].orderPeriods.orderPeriod.map((p: any) => p.periodType), ["Month", "Year"]);
    const listed = (await ctx.market(true).describeProducts(new Market.DescribeProductsRequest({ pageNumber: 1, pageSize: 10, filter: [{ key: "productType", value: "SERVICE" }] }))).body;
    assert.equal(listed.totalCount, 1);
    assert.equal(listed.productItems.productItem[0].code, PRODUCT);
  });

  test("buying a SERVICE product deploys a service instance; DescribeInstance has every seed field in JSON and XML", async () => {
    const price = (await ctx.market().describePrice(new Market.DescribePriceRequest({ orderType: "INSTANCE_BUY", commodity: commodity({ duration: 3 }) }))).body;
    assert.equal(price.tradePrice, 297);
    assert.equal(price.currency, "CNY");

    const bought = (
      await ctx.market().createOrder(new Market.CreateOrderRequest({ orderType: "INSTANCE_BUY", paymentType: "AUTO", clientToken: crypto.randomUUID(), commodity: commodity() }))
    ).body;
    assert.match(bought.orderId, /^\d+$/);
    const instanceId: string = bought.instanceIds.instanceId[0];
    assert.match(instanceId, /^\d+$/);

    // STARTED (the SERVICE set) once the linked service instance is Deployed.
    const started = await waitFor(
      async () => (await ctx.market().describeInstance(new Market.DescribeInstanceRequest({ instanceId }))).body,
      (b: any) => b.status === "STARTED",
      "the instance to start",
    );
    assert.equal(started.instanceId, Number(instanceId));
    assert.equal(started.relationalData.serviceStatus, "STARTED");
    const app = JSON.parse(started.appJson);
    assert.match(app.frontEndUrl, /^http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(await (await fetch(app.frontEndUrl)).text(), "hello");
    assert.equal(JSON.parse(started.hostJson).ip, "127.0.0.1");

    // Raw bodies: every seed field with the seed's type, through ACS3 (openapi-client), v2 (typed) and pop-core.
    const raw = await ctx.raw("DescribeInstance", "2015-11-01", { InstanceId: instanceId });
    assertSeedTypes(raw);
    assert.deepEqual(JSON.parse(raw.ComponentJson), { package_version: "yuncode0001" });
    assert.equal(raw.IsTrial, false);
    assert.ok(raw.EndOn > raw.BeganOn && raw.BeganOn >= raw.CreatedOn);
    const viaV2 = (await ctx.market(true).describeInstance(new Market.DescribeInstanceRequest({ instanceId }))).body;
    assert.equal(viaV2.status, "STARTED");
    const viaPop = fromBigNumbers(await ctx.pop("2015-11-01").request("DescribeInstance", { InstanceId: instanceId }, { method: "GET" }));
    assertSeedTypes(viaPop);
    assert.equal(viaPop.Code, undefined);

    // XML: <DescribeInstanceResponse> root, the same values.
    const xml = new XMLParser({ parseTagValue: false }).parse(await getXml(ctx.port, { Action: "DescribeInstance", InstanceId: instanceId })).DescribeInstanceResponse;
    for (const field of Object.keys(SEED_TYPES)) assert.ok(field in xml, `XML lacks ${field}`);
    for (const field of ["Status", "ProductCode", "ProductSkuCode", "ProductType", "AppJson", "HostJson", "ComponentJson", "SupplierName"]) assert.equal(xml[field], raw[field], field);
    for (const field of ["InstanceId", "OrderId", "BeganOn", "CreatedOn", "EndOn"]) assert.equal(Number(xml[field]), raw[field], field);
    assert.equal(xml.IsTrial, "false");
    assert.equal(xml.RelationalData.ServiceStatus, "STARTED");

    // The service instance behind it: Source Market, found by MarketInstanceId.
    const si = await ctx.raw("GetServiceInstance", "2021-06-01", { RegionId: "cn-hangzhou", MarketInstanceId: instanceId });
    assert.equal(si.Source, "Market");
    assert.equal(si.MarketInstanceId, instanceId);
    const listedSi = await ctx.raw("ListServiceInstances", "2021-06-01", { RegionId: "cn-hangzhou", Filter: [{ Name: "ServiceInstanceId", Value: [si.ServiceInstanceId] }] });
    assert.equal(listedSi.ServiceInstances[0].OrderId, bought.orderId);
    assert.deepEqual(JSON.parse(si.Components), { package_version: "yuncode0001" });
    assert.equal(si.Status, "Deployed");
    assert.equal(si.PredefinedParameterName, "Small");
    assert.equal(JSON.parse(raw.ExtendJson).serviceInstanceId, si.ServiceInstanceId);

    // DescribeOrder, DescribeInstances and the supplier's view agree.
    const order = (await ctx.market().describeOrder(new Market.DescribeOrderRequest({ orderId: bought.orderId }))).body;
    assert.equal(order.payStatus, "PAID");
    assert.equal(order.orderType, "NEW");
    assert.equal(order.totalPrice, 99);
    assert.deepEqual(order.instanceIds.instanceId, [instanceId]);
    const listed = (await ctx.market().describeInstances(new Market.DescribeInstancesRequest({ pageNumber: 1, pageSize: 10, productType: "SERVICE" }))).body;
    assert.ok(listed.instanceItems.instanceItem.some((i: any) => i.instanceId === Number(instanceId)));
    const isv = (await ctx.market().describeInstanceForIsv(new Market.DescribeInstanceForIsvRequest({ instanceId }))).body;
    assert.equal(isv.status, "STARTED");
  });

  test("the same ClientToken gives the same order; with other content it is IdempotentParameterMismatch", async () => {
    const token = crypto.randomUUID();
    const request = () => new Market.CreateOrderRequest({ orderType: "INSTANCE_BUY", paymentType: "HAND", clientToken: token, commodity: commodity() });
    const first = (await ctx.market().createOrder(request())).body;
    const again = (await ctx.market(true).createOrder(request())).body;
    assert.equal(again.orderId, first.orderId);
    await assert.rejects(
      ctx.market().createOrder(new Market.CreateOrderRequest({ orderType: "INSTANCE_BUY", paymentType: "HAND", clientToken: token, commodity: commodity({ duration: 3 }) })),
      (e: any) => e.code === "IdempotentParameterMismatch" && e.statusCode === 400,
    );
    const order = (await ctx.market().describeOrder(new Market.DescribeOrderRequest({ orderId: first.orderId }))).body;
    assert.equal(order.payStatus, "UNPAID");
    assert.deepEqual(order.instanceIds.instanceId, []);
  });
  test("nestbox's own API pays a HAND order and sums usage; the vendor's namespace has no such actions", async () => {
    for (const action of ["PublishProduct", "PayOrder", "DescribeMeteringUsage"]) {
      await assert.rejects(ctx.raw(action, "2015-11-01", {}), (e: any) => e.code === "InvalidAction.NotFound" && e.statusCode === 404, action);
    }
    const unpaid = (
      await ctx.market().createOrder(new Market.CreateOrderRequest({ orderType: "INSTANCE_BUY", paymentType: "HAND", clientToken: crypto.randomUUID(), commodity: commodity() }))
    ).body;
    const paid = await ctx.native.payMarketOrder(unpaid.orderId);
    assert.equal(paid.orderId, unpaid.orderId);
    assert.equal(paid.payStatus, "PAID");
    assert.equal(paid.productCode, PRODUCT);
    assert.equal(paid.instanceIds.length, 1);
    const instanceId = paid.instanceIds[0]!;
    assert.equal((await ctx.native.payMarketOrder(unpaid.orderId)).instanceIds[0], instanceId, "paying twice is not an error");
    const described = (await ctx.market().describeOrder(new Market.DescribeOrderRequest({ orderId: unpaid.orderId }))).body;
    assert.equal(described.payStatus, "PAID");
    assert.deepEqual(described.instanceIds.instanceId, [instanceId]);

    const t = Date.UTC(2026, 0, 15, 10) / 1000;
    await ctx.market().pushMeteringData(
      new Market.PushMeteringDataRequest({
        metering: JSON.stringify([
          { InstanceId: instanceId, StartTime: t, EndTime: t + 60, Entities: [{ Key: "Frequency", Value: "3" }] },
          { InstanceId: instanceId, StartTime: t + 86_400, EndTime: t + 86_460, Entities: [{ Key: "Frequency", Value: "4" }] },
        ]),
      }),
    );
    const monthly = await ctx.native.marketUsage(instanceId, { period: "Month" });
    assert.deepEqual(monthly.usages, [{ meteringItem: "Frequency", key: "Frequency", periodStart: "2026-01-01T00:00:00.000Z", total: 7, records: 2 }]);
    const firstDay = await ctx.native.marketUsage(instanceId, { from: "2026-01-15T00:00:00Z", to: String(t + 86_400) });
    assert.equal(firstDay.period, "Day");
    assert.deepEqual(firstDay.usages.map((u) => [u.periodStart, u.total]), [["2026-01-15T00:00:00.000Z", 3]]);

    // Native errors: {code, message, requestId} with the domain code and its HTTP status.
    const nativeError = (code: string, status: number) => (e: unknown) => e instanceof NativeApiError && e.code === code && e.status === status;
    await assert.rejects(ctx.native.payMarketOrder("1"), nativeError("MARKET_ORDER_NOT_FOUND", 404));
    await assert.rejects(ctx.native.marketUsage("1"), nativeError("MARKET_INSTANCE_NOT_FOUND", 404));
    await assert.rejects(ctx.native.marketUsage(instanceId, { period: "Week" }), nativeError("INVALID_ARGUMENT", 400));
    await assert.rejects(ctx.native.marketUsage(instanceId, { from: "yesterday" }), nativeError("INVALID_ARGUMENT", 400));
    await assert.rejects(ctx.native.publishMarketProduct(PRODUCT, { Code: "cmjj00other", Name: "x" }), nativeError("INVALID_ARGUMENT", 400));
    await assert.rejects(ctx.native.publishMarketProduct("cmjj00bad", { Name: "no skus", Type: "SERVICE" }), nativeError("MARKET_PRODUCT_INVALID", 400));

    // A RAM user needs market:* for them, like any Market action.
    await ctx.raw("CreateUser", "2015-05-01", { UserName: "buyer" });
    const key = (await ctx.raw("CreateAccessKey", "2015-05-01", { UserName: "buyer" })).AccessKey;
    const asUser = new NativeClient({ ...(await operatorCredentials(ctx.server.server)), accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret });
    await assert.rejects(asUser.marketUsage(instanceId), nativeError("ACCESS_DENIED", 403));
    await ctx.raw("AttachPolicyToUser", "2015-05-01", { PolicyType: "System", PolicyName: "AliyunMarketplaceFullAccess", UserName: "buyer" });
    assert.equal((await asUser.marketUsage(instanceId, { period: "Month" })).usages[0]?.total, 7);
  });

  test("bad input gets the documented error through the official client, and nothing is created", async () => {
    const before = (await ctx.market().describeInstances(new Market.DescribeInstancesRequest({ pageNumber: 1, pageSize: 100 }))).body.totalCount;
    const refused = (promise: Promise<unknown>, code: string, status: number) =>
      assert.rejects(promise, (e: any) => (e.code === code && e.statusCode === status) || assert.fail(`${e.code} ${e.statusCode}: ${e.message}`));
    const order = (c: string, orderType = "INSTANCE_BUY") =>
      ctx.market().createOrder(new Market.CreateOrderRequest({ orderType, paymentType: "AUTO", clientToken: crypto.randomUUID(), commodity: c }));
    await refused(order(commodity({ productCode: "cmjj00none" })), "EntityNotExist.Product", 404);
    await refused(order(commodity({ skuCode: "cmjj00hello-postpay" })), "InvalidParameter.SkuCode", 400);
    await refused(order(commodity({ pricingCycle: "Day" })), "InvalidParameter.PricingCycle", 400);
    await refused(order("{broken"), "InvalidParameter.Commodity", 400);
    await refused(order(commodity(), "INSTANCE_SELL"), "InvalidParameter.OrderType", 400);
    await refused(ctx.market().describeInstance(new Market.DescribeInstanceRequest({ instanceId: "1" })), "EntityNotExist.Instance", 404);
    await refused(ctx.market(true).pushMeteringData(new Market.PushMeteringDataRequest({ metering: "[{" })), "InvalidParameter.Metering", 400);
    await refused(ctx.market().describeLicense(new Market.DescribeLicenseRequest({ licenseCode: "NONE" })), "EntityNotExist.License", 404);
    const after = (await ctx.market().describeInstances(new Market.DescribeInstancesRequest({ pageNumber: 1, pageSize: 100 }))).body.totalCount;
    assert.equal(after, before);
  });
});
