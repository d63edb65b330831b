import { Type } from "@sinclair/typebox";
import type { EasInstanceView } from "../../../../core/eas/eas-replica-view.ts";
import type { EasService } from "../../../../core/eas/eas-service.ts";
import { specSizing } from "../../../../core/eas/eas-spec.ts";

/** EAS API version and product code (A.1). */
export const EAS_PRODUCT = "eas";
export const EAS_VERSION = "2021-07-01";
/** `SC` of A.2: every service-scoped path starts here. */
export const SERVICE_PATH = "/api/v2/services/{ClusterId}/{ServiceName}";

/** Path parameters of every service-scoped operation. */
export const ServicePathParams = { ClusterId: Type.String({ minLength: 1 }), ServiceName: Type.String({ minLength: 1 }) };

/** RFC 3339 UTC without fractions, as EAS writes times (`2021-05-27T09:46:05Z`). */
export const rfc3339 = (d: Date | undefined): string => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "");

/** UTC `yyyy-MM-dd HH:mm:ss` (DescribeServiceEvent Time, DescribeServiceLog times, A.3.8). */
export const utcSeconds = (d: Date): string => rfc3339(d).replace("T", " ").replace("Z", "");

/** Parses `yyyy-MM-dd HH:mm:ss` (UTC); undefined for anything else. */
export function parseUtcSeconds(text: string | undefined): Date | undefined | "invalid" {
  if (text === undefined || text === "") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return "invalid";
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? "invalid" : d;
}

/** RM of A.2: mutations answer a free-text Message (clients never parse it). */
export const message = (text: string) => ({ Message: text });

/** The invocation URL of a service on this nestbox (the gateway's /api/predict route). */
export const endpointOf = (host: string, name: string) => `http://${host}/api/predict/${name}`;

/** The Service object of A.4.1 (DescribeService body, ListServices element), SDK model types. */
export function toServiceObject(s: EasService, instances: readonly EasInstanceView[], host: string) {
  const sizing = specSizing(s.spec);
  const managed = instances.filter((i) => !i.detached);
  const running = managed.filter((i) => i.ready).length;
  const total = s.slots.length;
  return {
    ServiceName: s.name,
    ServiceId: s.id,
    ServiceUid: s.id,
    Region: s.regionId,
    Status: s.status,
    Reason: s.reason,
    Message: s.message,
    CreateTime: rfc3339(s.createdAt),
    UpdateTime: rfc3339(s.updatedAt),
    CallerUid: s.callerUid,
    ParentUid: s.accountId,
    Cpu: sizing.cpu,
    Gpu: sizing.gpu,
    Memory: sizing.memory,
    GPUMemory: sizing.gpuMemory,
    GPUCorePercentage: sizing.gpuCorePercentage,
    Image: sizing.image,
    TotalInstance: total,
    RunningInstance: running,
    PendingInstance: Math.max(0, total - running),
    InstanceCountInResource: { Dedicated: 0, Public: total, Quota: 0 },
    CurrentVersion: s.currentVersion,
    LatestVersion: s.latestVersion,
    ServiceConfig: JSON.stringify(s.spec),
    InternetEndpoint: endpointOf(host, s.name),
    IntranetEndpoint: endpointOf(host, s.name),
    SecondaryInternetEndpoint: "",
    SecondaryIntranetEndpoint: "",
    AccessToken: s.accessToken,
    Resource: "",
    ResourceAlias: "",
    QuotaId: "",
    ResourceBurstable: false,
    Role: sizing.role,
    RoleAttrs: "",
    ServiceGroup: sizing.group,
    TrafficState: "standalone",
    Weight: 0,
    Gateway: "",
    Labels: s.labels.map((l) => ({ LabelKey: l.key, LabelValue: l.value })),
    Namespace: s.name,
    SafetyLock: s.safetyLock,
    Source: "",
    AutoscalerEnabled: s.autoscaler !== undefined,
    CronscalerEnabled: s.cronScaler !== undefined,
    ExtraData: "",
    AppType: "",
    AppVersion: "",
    AppSpecName: "",
    AppConfig: "",
    WorkspaceId: s.workspaceId,
    WorkloadType: sizing.serviceType,
  };
}

/** The Instance object of A.4.2, every field of the seed, SDK model types. */
export function toInstanceObject(i: EasInstanceView, s: EasService, zone: string) {
  const started = rfc3339(i.startedAt);
  return {
    InstanceName: i.name,
    Namespace: s.name,
    Status: i.status,
    Reason: i.reason,
    HostIP: i.hostIp,
    HostName: "localhost",
    InnerIP: i.innerIp,
    InstancePort: i.port,
    ExternalIP: i.innerIp,
    ExternalInstancePort: i.port,
    TenantInstanceIP: i.innerIp,
    TenantHostIP: i.hostIp,
    InstanceType: i.instanceType,
    ResourceType: i.resourceType,
    Role: i.role,
    Zone: zone,
    RestartCount: i.restartCount,
    TotalProcesses: 1,
    ReadyProcesses: i.ready ? 1 : 0,
    // Kubernetes' container lastState shape, one entry per container (a process here).
    LastState: i.lastState
      ? [
          {
            terminated: {
              exitCode: i.lastState.exitCode,
              signal: i.lastState.signal,
              reason: i.lastState.reason,
              ...(i.lastState.message !== undefined ? { message: i.lastState.message } : {}),
              finishedAt: rfc3339(i.lastState.finishedAt),
            },
          },
        ]
      : [],
    StartAt: started,
    StartTime: started,
    CreateTime: started,
    IsSpot: false,
    CurrentAmount: 0,
    OriginalAmount: 0,
    Isolated: i.isolated,
    Detached: i.detached,
    IsLatest: i.latest,
    IsReplica: false,
    ReplicaName: "",
  };
}
