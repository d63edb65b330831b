import { Type, type Static } from "@sinclair/typebox";
import type { ServiceContentInput } from "../../../../core/catalog/service-content.ts";
import type { ServiceVersion } from "../../../../core/catalog/service-version.ts";
import {
  compliancePacksParam,
  fromLocaleConfigParams,
  fromServiceInfoParams,
  LocaleConfigParam,
  ServiceInfoParam,
} from "./service-wire.ts";

/**
 * The version-content parameters CreateService and UpdateService share (SDK models
 * CreateServiceRequest / UpdateServiceRequest). Metadata documents are JSON strings; enums are
 * checked by the catalog so every face reports them the same way.
 */
export const SERVICE_CONTENT_PARAMS = {
  DeployType: Type.Optional(Type.String({ maxLength: 64 })),
  ServiceType: Type.Optional(Type.String({ maxLength: 64 })),
  VersionName: Type.Optional(Type.String()),
  ServiceInfo: Type.Optional(Type.Array(ServiceInfoParam)),
  DeployMetadata: Type.Optional(Type.String()),
  OperationMetadata: Type.Optional(Type.String()),
  UpgradeMetadata: Type.Optional(Type.String()),
  LicenseMetadata: Type.Optional(Type.String()),
  AlarmMetadata: Type.Optional(Type.String()),
  LogMetadata: Type.Optional(Type.String()),
  BuildParameters: Type.Optional(Type.String()),
  /** `json` style: {"CompliancePacks": [...]} as one string. */
  ComplianceMetadata: Type.Optional(Type.String()),
  PolicyNames: Type.Optional(Type.String()),
  IsSupportOperated: Type.Optional(Type.Boolean()),
  Duration: Type.Optional(Type.Integer()),
  TrialDuration: Type.Optional(Type.Integer()),
  TenantType: Type.Optional(Type.String({ maxLength: 64 })),
  Resellable: Type.Optional(Type.Boolean()),
  ShareType: Type.Optional(Type.String({ maxLength: 64 })),
  ApprovalType: Type.Optional(Type.String({ maxLength: 64 })),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
  DryRun: Type.Optional(Type.Boolean()),
};

const ContentParams = Type.Object(SERVICE_CONTENT_PARAMS);

export function fromContentParams(
  input: Static<typeof ContentParams> & {
    SourceServiceId?: string;
    SourceServiceVersion?: string;
    ServiceLocaleConfigs?: Static<typeof LocaleConfigParam>[];
  },
): ServiceContentInput {
  return {
    deployType: input.DeployType,
    serviceType: input.ServiceType,
    versionName: input.VersionName,
    serviceInfos: fromServiceInfoParams(input.ServiceInfo),
    deployMetadata: input.DeployMetadata,
    operationMetadata: input.OperationMetadata,
    upgradeMetadata: input.UpgradeMetadata,
    licenseMetadata: input.LicenseMetadata,
    alarmMetadata: input.AlarmMetadata,
    logMetadata: input.LogMetadata,
    buildParameters: input.BuildParameters,
    compliancePacks: compliancePacksParam(input.ComplianceMetadata),
    policyNames: input.PolicyNames,
    isSupportOperated: input.IsSupportOperated,
    duration: input.Duration,
    trialDuration: input.TrialDuration,
    tenantType: input.TenantType,
    localeConfigs: fromLocaleConfigParams(input.ServiceLocaleConfigs),
    resellable: input.Resellable,
    sourceServiceId: input.SourceServiceId,
    sourceServiceVersion: input.SourceServiceVersion,
  };
}

/**
 * DryRunResult of CreateService/UpdateService: the RAM policy deploying the templates needs.
 * Templates nestbox deploys run on its own drivers and need no cloud permissions, so the
 * policy has no statements and nothing is missing.
 */
export const dryRunResult = (_version: ServiceVersion) => ({
  RolePolicy: { Policy: JSON.stringify({ Version: "1", Statement: [] }), MissingPolicy: [] as { ServiceName: string; Action: string[]; Resource: string }[] },
});
