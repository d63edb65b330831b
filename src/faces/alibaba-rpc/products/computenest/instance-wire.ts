import { Type, type Static } from "@sinclair/typebox";
import type { InstanceListQuery, InstanceServiceInfo, InstanceView } from "../../../../core/instances/instance-inputs.ts";
import type { ServiceInstance } from "../../../../core/instances/service-instance.ts";
import type { ServiceVersion } from "../../../../core/catalog/service-version.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { FilterParam, isoTime, jsonParam, TagParam, toShortServiceInfos, uidNumber } from "../computenestsupplier/service-wire.ts";

/**
 * Wire pieces of the Compute Nest service-instance operations (user 2021-06-01 and supplier
 * 2021-05-21): the only place instance fields meet the vendor's names. JSON-in-string fields
 * (Parameters, Outputs, Resources, Components) are strings, times are ISO-8601 UTC except
 * EndTime/LicenseEndTime, which the seed writes without the zone (ALIBABA.md 2.1, 3.3; seed
 * GetServiceInstance). NoEcho parameter values and NoEcho outputs are masked.
 */

export const MASK = "******";

export { FilterParam, TagParam };

/** EndTime / LicenseEndTime: `2022-01-01T12:00:00` (UTC, no zone suffix), as in the seed. */
export const zonelessTime = (d: Date | undefined): string => (d === undefined ? "" : d.toISOString().slice(0, 19));

const time = (d: Date | undefined): string => isoTime(d) ?? "";

/** Parameters as a JSON string, NoEcho values masked. */
export function parametersText(instance: ServiceInstance): string {
  const masked: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(instance.parameters)) masked[k] = instance.noEchoParameters.includes(k) ? MASK : v;
  return JSON.stringify(masked);
}

/** Outputs as the ROS-mode JSON string `{"Key": value}`, NoEcho outputs masked. */
export function outputsText(instance: ServiceInstance): string {
  const out: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(instance.outputs)) out[k] = o.noEcho ? MASK : o.value;
  return JSON.stringify(out);
}

/** Resources: the instance's stack, `[{"StackId": "..."}]` (ALIBABA.md 6.7). */
export const resourcesText = (instance: ServiceInstance): string => JSON.stringify([{ StackId: instance.stackId }]);

/** Managed O&M is on while its window is open. */
export const isOperated = (instance: ServiceInstance, now: Date): boolean =>
  instance.operationStartTime !== undefined && instance.operationStartTime <= now && (!instance.operationEndTime || instance.operationEndTime > now);

export const grantedPermission = (instance: ServiceInstance) => ({
  OperationEndTime: time(instance.grantedPermission?.operationEndTime),
  PolicyNames: instance.grantedPermission?.policyNames ?? "",
});

export const instanceTags = (instance: ServiceInstance) => instance.tags.map((t) => ({ Key: t.key, Value: t.value }));

/** The fields every GetServiceInstance / ListServiceInstances shape shares. */
export function commonInstanceFields(instance: ServiceInstance, now: Date) {
  return {
    ServiceInstanceId: instance.id,
    Name: instance.name,
    Status: instance.status,
    StatusDetail: instance.statusDetail,
    Progress: instance.progress,
    TemplateName: instance.templateName,
    Parameters: parametersText(instance),
    CreateTime: time(instance.createdAt),
    UpdateTime: time(instance.updatedAt),
    EndTime: zonelessTime(instance.endTime),
    PayType: instance.payType,
    Source: instance.source,
    ServiceType: instance.serviceType,
    EnableInstanceOps: instance.enableInstanceOps,
    OperatedServiceInstanceId: "",
    OperationStartTime: time(instance.operationStartTime),
    OperationEndTime: time(instance.operationEndTime),
    ResourceGroupId: instance.resourceGroupId ?? "",
    BizStatus: instance.bizStatus,
    Tags: instanceTags(instance),
    PolicyNames: instance.grantedPermission?.policyNames ?? "",
    GrantedPermission: grantedPermission(instance),
    IsOperated: isOperated(instance, now),
  };
}

/** Versions the instance may upgrade to, as GetServiceInstance lists them. */
export const upgradable = (view: InstanceView) => ({
  UpgradableServiceVersions: (view.upgradableVersions ?? []).map((v) => v.version),
  UpgradableServiceInfos: (view.upgradableVersions ?? []).map((v) => ({ Version: v.version, VersionName: v.versionName ?? "" })),
});

/** The Service object's version fields; empty values when the version left the catalog. */
export function serviceFields(instance: ServiceInstance, info: InstanceServiceInfo | undefined) {
  const v: ServiceVersion | undefined = info?.version;
  return {
    ServiceId: instance.serviceId,
    Version: instance.serviceVersion,
    VersionName: v?.versionName ?? "",
    Status: v?.status ?? "",
    DeployType: v?.deployType ?? "",
    ServiceType: v?.serviceType ?? "",
    PublishTime: time(v?.publishedAt),
    SupplierName: info?.supplierName ?? "",
    // nestbox keeps no supplier or product URLs.
    SupplierUrl: "",
    ServiceInfos: v ? toShortServiceInfos(v.serviceInfos) : [],
    DeployMetadata: v?.deployMetadata ?? "",
  };
}

export const userId = (instance: ServiceInstance) => uidNumber(instance.accountId);
export const supplierUid = (instance: ServiceInstance) => uidNumber(instance.supplierAccountId);

// ---- request side ----

/** `json`-style Parameters (ALIBABA.md 1.4): one JSON object string. */
export const parametersParam = (text: string | undefined, parameter = "Parameters") => jsonParam(text, parameter);

/** UpgradeServiceInstance's DryRun is a string in the SDK model: "true" or "false". */
export function booleanText(text: string | undefined, parameter: string): boolean | undefined {
  if (text === undefined || text === "") return undefined;
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  throw invalid(parameter, `The specified ${parameter} ${JSON.stringify(text)} is not valid; use true or false.`);
}

/** A time as the vendor writes it (`2021-05-20T00:00:00Z`, seconds optional) or epoch milliseconds. */
export function timeParam(text: string, parameter: string): Date {
  const ms = /^\d{13}$/.test(text) ? Number(text) : /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw invalid(parameter, `The specified ${parameter} ${JSON.stringify(text)} is not a valid time; use yyyy-MM-ddTHH:mm:ssZ.`);
  return new Date(ms);
}

const invalid = (parameter: string, message: string) => new DomainError("InvalidArgument", "INVALID_ARGUMENT", message, { parameter });

export const USER_FILTERS = ["ServiceInstanceId", "ServiceInstanceName", "Name", "ServiceId", "Version", "Status", "ServiceType", "DeployType", "EnableInstanceOps"] as const;
export const SUPPLIER_FILTERS = [...USER_FILTERS, "UserId"] as const;

/**
 * ListServiceInstances Filter.N (ALIBABA.md 3.3, 4.6): values OR within a filter, filters AND.
 * Names nestbox cannot honour (the Operation* filters of managed O&M instances) are refused,
 * not ignored.
 */
export function fromInstanceFilters(filters: readonly Static<typeof FilterParam>[] | undefined, allowed: readonly string[]): InstanceListQuery {
  const q: { -readonly [K in keyof InstanceListQuery]: InstanceListQuery[K] } = {};
  const add = (key: "ids" | "names" | "serviceNames" | "serviceIds" | "versions" | "statuses" | "serviceTypes" | "deployTypes" | "userIds", values: string[]) => {
    q[key] = [...(q[key] ?? []), ...values];
  };
  (filters ?? []).forEach((f, i) => {
    const name = f.Name ?? "";
    if (!allowed.includes(name)) {
      throw invalid(`Filter.${i + 1}.Name`, `The specified Filter.${i + 1}.Name ${JSON.stringify(name)} is not valid; use one of ${allowed.join(", ")}.`);
    }
    const values = f.Value ?? [];
    if (values.length > 10) throw invalid(`Filter.${i + 1}.Value`, `Filter.${i + 1}.Value takes at most 10 values.`);
    if (values.length === 0) return;
    switch (name) {
      case "ServiceInstanceId": return add("ids", values);
      case "ServiceInstanceName": return add("names", values);
      case "Name": return add("serviceNames", values);
      case "ServiceId": return add("serviceIds", values);
      case "Version": return add("versions", values);
      case "Status": return add("statuses", values);
      case "ServiceType": return add("serviceTypes", values);
      case "DeployType": return add("deployTypes", values);
      case "UserId": return add("userIds", values);
      case "EnableInstanceOps": {
        const flags = new Set(values.map((v, j) => booleanText(v, `Filter.${i + 1}.Value.${j + 1}`)));
        if (flags.size === 1) q.enableInstanceOps = [...flags][0];
        return;
      }
    }
  });
  return q;
}

export const fromTagFilter = (tags: readonly Static<typeof TagParam>[] | undefined) =>
  tags?.filter((t) => t.Key).map((t) => ({ key: t.Key!, value: t.Value || undefined }));

/** Common request parameters of the single-instance actions. */
export const InstanceRef = {
  RegionId: Type.String(),
  ServiceInstanceId: Type.String({ minLength: 1 }),
};
