import { parsePolicyDocument, type PolicyDocument } from "./policy-document.ts";

/** A policy shipped with nestbox (PolicyType "System"): read-only, attachable in every account. */
export interface SystemPolicy {
  readonly name: string;
  readonly description: string;
  readonly document: string;
  readonly parsed: PolicyDocument;
  readonly defaultVersion: "v1";
}

const allow = (actions: string[]) => JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }, null, 2);
const readOnly = (service: string) => allow([`${service}:Get*`, `${service}:List*`, `${service}:Describe*`, `${service}:Query*`, `${service}:Check*`]);

const DEFINITIONS: [string, string, string][] = [
  ["AdministratorAccess", "Full access to every resource of the account.", allow(["*"])],
  ["ReadOnlyAccess", "Read-only access to every resource of the account.", allow(["*:Get*", "*:List*", "*:Describe*", "*:Query*"])],
  ["AliyunComputeNestFullAccess", "Full access to Compute Nest (service instances).", allow(["computenest:*"])],
  ["AliyunComputeNestReadOnlyAccess", "Read-only access to Compute Nest.", readOnly("computenest")],
  ["AliyunComputeNestSupplierFullAccess", "Full access to Compute Nest as a service provider.", allow(["computenestsupplier:*"])],
  ["AliyunComputeNestSupplierReadOnlyAccess", "Read-only access to Compute Nest as a service provider.", readOnly("computenestsupplier")],
  ["AliyunRAMFullAccess", "Full access to RAM: users, groups, roles and policies.", allow(["ram:*"])],
  ["AliyunRAMReadOnlyAccess", "Read-only access to RAM.", readOnly("ram")],
  ["AliyunSTSAssumeRoleAccess", "May call STS AssumeRole.", allow(["sts:AssumeRole"])],
  ["AliyunMarketplaceFullAccess", "Full access to Alibaba Cloud Marketplace.", allow(["market:*"])],
  ["AliyunMarketplaceReadOnlyAccess", "Read-only access to Alibaba Cloud Marketplace.", readOnly("market")],
  ["AliyunPAIEASFullAccess", "Full access to PAI-EAS services.", allow(["eas:*"])],
  ["AliyunPAIEASReadOnlyAccess", "Read-only access to PAI-EAS services.", readOnly("eas")],
  ["ServiceStageFullAccess", "Full access to Huawei ServiceStage.", allow(["servicestage:*"])],
  ["ServiceStageReadOnlyAccess", "Read-only access to Huawei ServiceStage.", allow(["servicestage:*:get*", "servicestage:*:list*"])],
];

export const SYSTEM_POLICIES: ReadonlyMap<string, SystemPolicy> = new Map(
  DEFINITIONS.map(([name, description, document]) => [
    name,
    { name, description, document, parsed: parsePolicyDocument(document), defaultVersion: "v1" as const },
  ]),
);

/** System policies were all created when nestbox was built; this date is shown as their CreateDate. */
export const SYSTEM_POLICY_DATE = new Date(Date.UTC(2026, 0, 1));
