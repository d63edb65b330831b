import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError, isDomainError } from "../shared/domain-error.ts";
import { newPrefixedId } from "../shared/ids.ts";
import { silentLogger, type Logger } from "../shared/logger.ts";
import type { CatalogRepository } from "./catalog-repository.ts";
import { badArgument, CatalogErrorCodes as E, serviceNotFound } from "./catalog-errors.ts";
import type {
  CreateServiceInput,
  LaunchResultType,
  ResolvedDeployment,
  UpdateServiceInput,
  WriteResult,
} from "./catalog-inputs.ts";
import { chooseDefaultVersion, isLive, nextRevision, requestHash, withChanged } from "./catalog-support.ts";
import { CatalogQueries } from "./catalog-queries.ts";
import { deploymentOf } from "./deployment-resolver.ts";
import type { Service, SharedAccount } from "./service.ts";
import { buildContent, buildSettings, sharePermission, touchesContent } from "./service-content.ts";
import { ServiceMutator } from "./service-mutator.ts";
import type { ServiceRegistration } from "./service-registration.ts";
import { DRAFT_VERSION, isDraft, type ServiceContent, type ServiceVersion } from "./service-version.ts";
import { captureTemplates } from "./template-capture.ts";
import type { TemplateSource } from "./template-source.ts";
import { assertRegistrable, liveVersion, newDraft, newestRegistered } from "./version-rules.ts";
import { versionTransition } from "./version-status.ts";

export type {
  CreateServiceInput,
  LaunchResultType,
  ResolvedDeployment,
  ServiceView,
  UpdateServiceInput,
  WriteResult,
} from "./catalog-inputs.ts";

export type ReviewMode = "auto" | "manual";

export interface CatalogServiceOptions {
  readonly templateSource: TemplateSource;
  /** auto (default): RegisterService approves at once; manual: the operator's root approves. */
  readonly reviewMode?: ReviewMode;
  readonly log?: Logger;
}

const SERVICE_ID = /^service-[0-9a-f]{20}$/;
const ACCOUNT_ID = /^[0-9]{1,19}$/;
const MAX_SHARED_PER_CALL = 100;

/**
 * The catalog's use-cases: the supplier side (CreateService ... WithdrawService, sharing,
 * registrations) and, through CatalogQueries, the user side (visible services) and the engine's
 * `resolveDeployment`. Supplier methods act on the caller's own services only; another
 * account's service is SERVICE_NOT_FOUND, like a missing one.
 */
export class CatalogService extends CatalogQueries {
  private readonly templateSource: TemplateSource;
  readonly reviewMode: ReviewMode;
  private readonly log: Logger;
  private readonly mutator: ServiceMutator;

  constructor(
    repository: CatalogRepository,
    private readonly clock: Clock,
    options: CatalogServiceOptions,
  ) {
    super(repository);
    this.templateSource = options.templateSource;
    this.reviewMode = options.reviewMode ?? "auto";
    this.log = options.log ?? silentLogger;
    this.mutator = new ServiceMutator(repository);
  }

  /** CreateService: a new service whose `draft` holds the content, or a new draft for `serviceId`. */
  async createService(caller: Principal, input: CreateServiceInput): Promise<WriteResult> {
    const content = buildContent(undefined, input);
    const templates = await captureTemplates(this.templateSource, content);
    if (input.serviceId !== undefined) return this.recreateDraft(caller, input, content, templates);

    const hash = input.clientToken ? requestHash({ ...input, clientToken: undefined, dryRun: undefined }) : undefined;
    if (input.clientToken && !input.dryRun) {
      const earlier = await this.replay(caller, input.clientToken, hash!);
      if (earlier) return earlier;
    }
    const now = this.clock.now();
    const settings = buildSettings(undefined, input);
    const service: Service = {
      id: newPrefixedId("service"),
      ownerAccountId: caller.accountId,
      regionId: input.regionId,
      ...settings,
      defaultVersion: DRAFT_VERSION,
      lastVersionNumber: 0,
      hasDraft: true,
      clientToken: input.clientToken || undefined,
      requestHash: hash,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
    const draft = newDraft(service.id, content, templates, now);
    if (input.dryRun) return { service, version: draft, dryRun: true };
    try {
      await this.repository.write({ service, versions: [draft] });
    } catch (e) {
      if (isDomainError(e) && e.code === E.CLIENT_TOKEN_TAKEN && input.clientToken) {
        const earlier = await this.replay(caller, input.clientToken, hash!);
        if (earlier) return earlier;
      }
      throw e;
    }
    this.log.info({ serviceId: service.id, accountId: caller.accountId }, "Created Service");
    return { service, version: draft, dryRun: false };
  }

  /** UpdateService. Published versions are immutable: content on a non-draft version is refused. */
  async updateService(caller: Principal, input: UpdateServiceInput): Promise<WriteResult> {
    const { serviceId, version: name = DRAFT_VERSION, shareType, approvalType, isDefault, dryRun, ...contentInput } = input;
    const changesContent = touchesContent(contentInput);
    const recapture = contentInput.deployMetadata !== undefined || contentInput.deployType !== undefined;
    // Templates are read once per call, not once per compare-and-set attempt.
    const captured = new Map<string, Record<string, string>>();
    return this.mutator.mutate(caller, serviceId, async (service, versions) => {
      const current = liveVersion(service, versions, name);
      let next = current;
      if (changesContent) {
        if (!isDraft(current.version)) {
          throw new DomainError(
            "FailedPrecondition",
            E.SERVICE_VERSION_IMMUTABLE,
            `The service version ${current.version} is published and cannot be changed; update the draft instead.`,
            { parameter: "ServiceVersion", serviceId, version: current.version },
          );
        }
        const content = buildContent(current, contentInput);
        let templates = current.templates;
        if (recapture) {
          const key = `${content.deployType}\n${content.deployMetadata ?? ""}`;
          if (!captured.has(key)) captured.set(key, await captureTemplates(this.templateSource, content));
          templates = captured.get(key)!;
        }
        next = { ...current, ...content, templates, updatedAt: this.clock.now() };
      }
      const settings = buildSettings(service, { shareType, approvalType });
      let defaultVersion = service.defaultVersion;
      if (isDefault === true && service.defaultVersion !== current.version) {
        const anyOnline = versions.some((v) => isLive(v) && v.status === "Online");
        if (anyOnline && current.status !== "Online") {
          throw new DomainError(
            "FailedPrecondition",
            E.SERVICE_STATUS_INVALID,
            `The service version ${current.version} is ${current.status}; while the service has Online versions only an Online version can be the default.`,
            { parameter: "IsDefault", serviceId, version: current.version },
          );
        }
        defaultVersion = current.version;
      }
      const updated = nextRevision(service, { ...settings, defaultVersion }, this.clock.now());
      const write = { service: updated, versions: next === current ? [] : [next] };
      return { write, result: { service: updated, version: next, dryRun: dryRun === true }, dryRun: dryRun === true };
    });
  }

  /** DeleteService(ServiceId, ServiceVersion). Deleting the last live version deletes the service. */
  async deleteService(caller: Principal, serviceId: string, version: string): Promise<void> {
    await this.mutator.mutate(caller, serviceId, async (service, versions) => {
      const now = this.clock.now();
      const current = liveVersion(service, versions, version);
      const deleted: ServiceVersion = {
        ...current,
        status: versionTransition("Delete", current.status, current.version),
        deletedAt: now,
        updatedAt: now,
      };
      const registrations = await this.cancelRegistration(current, now);
      const after = withChanged(versions, deleted);
      const defaultVersion = chooseDefaultVersion(service.defaultVersion, after);
      const updated = nextRevision(
        service,
        {
          defaultVersion: defaultVersion ?? service.defaultVersion,
          hasDraft: service.hasDraft && !isDraft(current.version),
          deletedAt: defaultVersion === undefined ? now : undefined,
        },
        now,
      );
      return { write: { service: updated, versions: [deleted], registrations }, result: undefined };
    });
    this.log.info({ serviceId, version, accountId: caller.accountId }, "Deleted ServiceVersion");
  }

  /**
   * RegisterService: copies the draft into the next numbered version, Submitted for review (auto
   * review approves it at once). The draft stays editable. One registration at a time.
   */
  async registerService(caller: Principal, serviceId: string): Promise<ServiceRegistration> {
    const registration = await this.mutator.mutate(caller, serviceId, async (service, versions) => {
      const now = this.clock.now();
      const draft = versions.find((v) => isDraft(v.version) && isLive(v));
      if (!draft) {
        throw new DomainError("FailedPrecondition", E.SERVICE_DRAFT_NOT_FOUND, `The service ${serviceId} has no draft to register.`, {
          parameter: "ServiceId",
          serviceId,
        });
      }
      const pending = versions.find((v) => isLive(v) && v.status === "Submitted");
      if (pending) {
        throw new DomainError(
          "Conflict",
          E.SERVICE_REGISTRATION_IN_PROGRESS,
          `The service version ${pending.version} is still under review (registration ${pending.registrationId}).`,
          { serviceId, version: pending.version },
        );
      }
      assertRegistrable(draft);
      const number = service.lastVersionNumber + 1;
      const auto = this.reviewMode === "auto";
      const registration: ServiceRegistration = {
        id: newPrefixedId("sr"),
        serviceId,
        ownerAccountId: service.ownerAccountId,
        version: String(number),
        status: auto ? "Approved" : "Submitted",
        comment: auto ? "Approved automatically." : undefined,
        submittedAt: now,
        finishedAt: auto ? now : undefined,
        updatedAt: now,
      };
      const copy: ServiceVersion = {
        ...draft,
        version: String(number),
        seq: number,
        status: auto ? "Approved" : "Submitted",
        statusDetail: auto ? "Approved automatically." : "Submitted for review.",
        categories: [],
        registrationId: registration.id,
        createdAt: now,
        updatedAt: now,
        publishedAt: undefined,
        deletedAt: undefined,
      };
      const updated = nextRevision(service, { lastVersionNumber: number }, now);
      return { write: { service: updated, versions: [copy], registrations: [registration] }, result: registration };
    });
    this.log.info({ serviceId, registrationId: registration.id, version: registration.version }, "Registered ServiceVersion");
    return registration;
  }

  /** Approves a Submitted registration. Only the operator's root may (manual review mode). */
  async approveRegistration(caller: Principal, serviceId: string, version: string): Promise<ServiceRegistration> {
    if (!caller.isOperator || caller.type !== "Root") {
      throw new DomainError("PermissionDenied", E.SERVICE_REVIEW_FORBIDDEN, "Only the operator's root account may review service registrations.");
    }
    const result = await this.mutator.mutateAny(serviceId, async (service, versions) => {
      const now = this.clock.now();
      const current = liveVersion(service, versions, version);
      const status = versionTransition("Approve", current.status, current.version);
      const registration = current.registrationId ? await this.repository.getRegistration(current.registrationId) : undefined;
      if (!registration) throw new DomainError("NotFound", E.SERVICE_REGISTRATION_NOT_FOUND, `The service version ${version} has no registration.`);
      const approved: ServiceRegistration = { ...registration, status: "Approved", finishedAt: now, updatedAt: now, comment: "Approved by the operator." };
      const next: ServiceVersion = { ...current, status, statusDetail: "Approved by the operator.", updatedAt: now };
      return { write: { service: nextRevision(service, {}, now), versions: [next], registrations: [approved] }, result: approved };
    });
    this.log.info({ serviceId, version, registrationId: result.id }, "Approved ServiceRegistration");
    return result;
  }

  /**
   * LaunchService: an Approved or Offline version goes Online. "draft" names the newest version
   * registered from the draft. The launched version becomes the default unless a newer Online
   * version already is.
   */
  async launchService(
    caller: Principal,
    serviceId: string,
    version: string,
    categories?: readonly string[],
  ): Promise<{ version: ServiceVersion; resultType: LaunchResultType }> {
    const launched = await this.mutator.mutate(caller, serviceId, async (service, versions) => {
      const now = this.clock.now();
      const current = isDraft(version) ? newestRegistered(service, versions) : liveVersion(service, versions, version);
      const status = versionTransition("Launch", current.status, current.version);
      const resultType: LaunchResultType = current.status === "Offline" ? "PublishOfflineVersion" : "PublishNewVersion";
      const next: ServiceVersion = {
        ...current,
        status,
        statusDetail: "Online.",
        categories: categories ? [...categories] : current.categories,
        publishedAt: current.publishedAt ?? now,
        updatedAt: now,
      };
      const registration = current.registrationId ? await this.repository.getRegistration(current.registrationId) : undefined;
      const registrations = registration && registration.status === "Approved" ? [{ ...registration, status: "Executed" as const, updatedAt: now }] : [];
      const def = versions.find((v) => v.version === service.defaultVersion && isLive(v));
      const becomesDefault = !def || def.status !== "Online" || def.seq < next.seq;
      const updated = nextRevision(service, becomesDefault ? { defaultVersion: next.version } : {}, now);
      return { write: { service: updated, versions: [next], registrations }, result: { version: next, resultType } };
    });
    this.log.info({ serviceId, version: launched.version.version }, "Launched ServiceVersion");
    return launched;
  }

  /** WithdrawService: an Online version goes Offline; another Online version becomes the default. */
  async withdrawService(caller: Principal, serviceId: string, version: string): Promise<ServiceVersion> {
    const withdrawn = await this.mutator.mutate(caller, serviceId, async (service, versions) => {
      const now = this.clock.now();
      const current = liveVersion(service, versions, version);
      const next: ServiceVersion = {
        ...current,
        status: versionTransition("Withdraw", current.status, current.version),
        statusDetail: "Withdrawn.",
        updatedAt: now,
      };
      const defaultVersion = chooseDefaultVersion(service.defaultVersion, withChanged(versions, next)) ?? service.defaultVersion;
      return { write: { service: nextRevision(service, { defaultVersion }, now), versions: [next] }, result: next };
    });
    this.log.info({ serviceId, version }, "Withdrew ServiceVersion");
    return withdrawn;
  }

  /** AddServiceSharedAccounts (Type SharedAccount). Re-adding an account updates its permission. */
  async addSharedAccounts(
    caller: Principal,
    serviceId: string,
    accounts: readonly { readonly accountId: string; readonly permission: string }[],
  ): Promise<void> {
    await this.mutator.owned(caller, serviceId);
    if (accounts.length === 0 || accounts.length > MAX_SHARED_PER_CALL) {
      throw badArgument("SharedAccounts", `SharedAccounts must list 1 to ${MAX_SHARED_PER_CALL} accounts.`);
    }
    const now = this.clock.now();
    const rows: SharedAccount[] = accounts.map((a, i) => ({
      serviceId,
      accountId: accountId(a.accountId, `SharedAccounts.${i + 1}.UserAliUid`),
      permission: sharePermission(a.permission, `SharedAccounts.${i + 1}.Permission`),
      createdAt: now,
      updatedAt: now,
    }));
    await this.repository.putSharedAccounts(rows);
    this.log.info({ serviceId, count: rows.length }, "Shared Service");
  }

  /** RemoveServiceSharedAccounts; absent accounts are ignored. */
  async removeSharedAccounts(caller: Principal, serviceId: string, accountIds: readonly string[]): Promise<void> {
    await this.mutator.owned(caller, serviceId);
    if (accountIds.length === 0 || accountIds.length > MAX_SHARED_PER_CALL) {
      throw badArgument("UserAliUids", `UserAliUids must list 1 to ${MAX_SHARED_PER_CALL} accounts.`);
    }
    const ids = accountIds.map((id, i) => accountId(id, `UserAliUids.${i + 1}`));
    const removed = await this.repository.removeSharedAccounts(serviceId, ids);
    this.log.info({ serviceId, count: removed }, "Unshared Service");
  }

  /**
   * What the engine deploys for `caller`: the visible version (default: the default version),
   * its captured template (default: the first) and packages. See deployment-resolver.ts.
   */
  async resolveDeployment(caller: Principal, serviceId: string, version?: string, templateName?: string): Promise<ResolvedDeployment> {
    return deploymentOf(await this.getVisibleService(caller, { serviceId, version }), templateName);
  }

  // ---- internals ----

  /** CreateService with ServiceId: a new draft for the caller's service whose draft was deleted. */
  private async recreateDraft(
    caller: Principal,
    input: CreateServiceInput,
    content: ServiceContent,
    templates: Record<string, string>,
  ): Promise<WriteResult> {
    const serviceId = input.serviceId!;
    if (!SERVICE_ID.test(serviceId)) throw serviceNotFound(serviceId);
    return this.mutator.mutate(caller, serviceId, async (service) => {
      if (service.hasDraft) {
        throw new DomainError("AlreadyExists", E.SERVICE_DRAFT_EXISTS, `The service ${serviceId} already has a draft; update it with UpdateService.`, {
          parameter: "ServiceId",
          serviceId,
        });
      }
      const now = this.clock.now();
      const settings = buildSettings(service, input);
      const draft = newDraft(serviceId, content, templates, now);
      const updated = nextRevision(service, { ...settings, hasDraft: true }, now);
      return { write: { service: updated, versions: [draft] }, result: { service: updated, version: draft, dryRun: input.dryRun === true }, dryRun: input.dryRun === true };
    });
  }

  /** The service an earlier CreateService with this token made, or undefined. */
  private async replay(caller: Principal, clientToken: string, hash: string): Promise<WriteResult | undefined> {
    const earlier = await this.repository.getServiceByClientToken(caller.accountId, clientToken);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError("Conflict", E.IDEMPOTENT_PARAMETER_MISMATCH, "The ClientToken was used before with different parameters.", {
        parameter: "ClientToken",
      });
    }
    if (earlier.deletedAt) throw serviceNotFound(earlier.id);
    const versions = await this.repository.listVersions(earlier.id);
    const version = versions.find((v) => isDraft(v.version) && isLive(v)) ?? versions.find((v) => v.version === earlier.defaultVersion)!;
    return { service: earlier, version, dryRun: false };
  }

  /** Cancels the registration of a version deleted before it went Online. */
  private async cancelRegistration(version: ServiceVersion, now: Date): Promise<ServiceRegistration[]> {
    if (!version.registrationId || (version.status !== "Submitted" && version.status !== "Approved")) return [];
    const registration = await this.repository.getRegistration(version.registrationId);
    if (!registration || (registration.status !== "Submitted" && registration.status !== "Approved")) return [];
    return [{ ...registration, status: "Canceled", updatedAt: now }];
  }

}

function accountId(value: string, parameter: string): string {
  if (!ACCOUNT_ID.test(value)) throw badArgument(parameter, `${parameter} must be a numeric account id.`);
  return value;
}

