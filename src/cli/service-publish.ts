import { CliError } from "./cli-error.ts";
import { COMPUTE_NEST_SUPPLIER, type RpcClient } from "./rpc-client.ts";
import { readServiceFolder } from "./service-folder.ts";

export interface PublishResult {
  ServiceId: string;
  /** The numbered version registered from the draft. */
  Version: string;
  /** Online after a launch; Submitted while waiting for the operator (NESTBOX_REVIEW_MODE=manual). */
  Status: string;
  Created: boolean;
  RegistrationId: string;
  Next?: string;
}

interface ListedService {
  ServiceId?: string;
  Version?: string;
  HasDraft?: boolean;
  ServiceInfos?: { Name?: string }[];
}

/**
 * Publishes a service folder the way a supplier does on Compute Nest (ALIBABA.md 4.1):
 * CreateService (or UpdateService of the draft when the service exists, by ServiceId in
 * service.yaml or by name) -> RegisterService -> LaunchService once the registration is approved.
 * Re-running publishes the folder again as the next version.
 */
export async function publishService(rpc: RpcClient, cwd: string, folder: string, regionId: string): Promise<PublishResult> {
  const spec = readServiceFolder(folder, cwd);
  const existing = spec.serviceId ? await getOwned(rpc, regionId, spec.serviceId) : await findByName(rpc, regionId, spec.name);

  let serviceId: string;
  let created = false;
  if (existing?.HasDraft) {
    serviceId = existing.ServiceId!;
    await rpc.call(COMPUTE_NEST_SUPPLIER, "UpdateService", { RegionId: regionId, ServiceId: serviceId, ServiceVersion: "draft", ...spec.updateParams });
  } else {
    const answer = await rpc.call<{ ServiceId?: string }>(COMPUTE_NEST_SUPPLIER, "CreateService", {
      RegionId: regionId,
      ...(existing?.ServiceId ? { ServiceId: existing.ServiceId } : {}),
      ...spec.createParams,
    });
    if (!answer.ServiceId) throw new CliError("CreateService answered without a ServiceId.");
    serviceId = answer.ServiceId;
    created = existing === undefined;
  }

  const { RegistrationId } = await rpc.call<{ RegistrationId?: string }>(COMPUTE_NEST_SUPPLIER, "RegisterService", {
    RegionId: regionId,
    ServiceId: serviceId,
  });
  if (!RegistrationId) throw new CliError("RegisterService answered without a RegistrationId.");
  const registration = await rpc.call<{ ServiceVersion?: string; Status?: string }>(COMPUTE_NEST_SUPPLIER, "GetServiceRegistration", {
    RegionId: regionId,
    RegistrationId,
  });
  const version = registration.ServiceVersion ?? "";
  if (registration.Status !== "Approved") {
    return {
      ServiceId: serviceId,
      Version: version,
      Status: registration.Status ?? "Submitted",
      Created: created,
      RegistrationId,
      Next: `an operator approves it (nestbox services approve ${serviceId} ${version}), then: nestbox services launch ${serviceId} ${version}`,
    };
  }
  const launched = await launchVersion(rpc, regionId, serviceId, version);
  return { ServiceId: serviceId, Version: launched, Status: "Online", Created: created, RegistrationId };
}

/** LaunchService: an Approved (or Offline) version goes Online. Returns the launched version. */
export async function launchVersion(rpc: RpcClient, regionId: string, serviceId: string, version: string): Promise<string> {
  const answer = await rpc.call<{ Version?: string }>(COMPUTE_NEST_SUPPLIER, "LaunchService", {
    RegionId: regionId,
    ServiceId: serviceId,
    ServiceVersion: version,
  });
  return answer.Version || version;
}

async function getOwned(rpc: RpcClient, regionId: string, serviceId: string): Promise<ListedService | undefined> {
  const page = await rpc.call<{ Services?: ListedService[] }>(COMPUTE_NEST_SUPPLIER, "ListServices", {
    RegionId: regionId,
    AllVersions: true,
    Filter: [{ Name: "ServiceId", Value: [serviceId] }],
  });
  const versions = page.Services ?? [];
  if (versions.length === 0) throw new CliError(`service.yaml names ServiceId ${serviceId}, which you do not have.`);
  return { ServiceId: serviceId, HasDraft: versions.some((s) => s.HasDraft || s.Version === "draft") };
}

async function findByName(rpc: RpcClient, regionId: string, name: string | undefined): Promise<ListedService | undefined> {
  if (!name) return undefined;
  const page = await rpc.call<{ Services?: ListedService[] }>(COMPUTE_NEST_SUPPLIER, "ListServices", {
    RegionId: regionId,
    AllVersions: true,
    Filter: [{ Name: "Name", Value: [name] }],
  });
  const mine = (page.Services ?? []).filter((s) => s.ServiceInfos?.some((i) => i.Name === name));
  const ids = [...new Set(mine.map((s) => s.ServiceId))];
  if (ids.length > 1) {
    throw new CliError(`Several of your services are named "${name}" (${ids.join(", ")}); set Service.ServiceId in service.yaml.`);
  }
  if (ids.length === 0) return undefined;
  return { ServiceId: ids[0], HasDraft: mine.some((s) => s.HasDraft || s.Version === "draft") };
}
