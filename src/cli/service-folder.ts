import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { CliError } from "./cli-error.ts";
import type { RpcValue } from "./rpc-client.ts";

/** First found wins; config.yaml is computenest-cli's name for the same file. */
export const MANIFEST_FILES = ["service.yaml", "service.yml", "config.yaml"] as const;

/**
 * A service folder: `service.yaml` in the layout computenest-cli uses for `config.yaml` (a
 * `Service:` mapping with DeployType, ServiceType, ServiceInfo, DeployMetadata, ... in the
 * vendor's field names) plus the template files its TemplateConfigs name by relative Url.
 * The server documents the same layout in src/core/catalog/service-manifest.ts.
 */
export interface ServiceFolder {
  /** ServiceId from the manifest: update that service instead of looking it up by name. */
  readonly serviceId?: string;
  /** Name of the first ServiceInfo, used to find an earlier publication. */
  readonly name?: string;
  /** CreateService parameters (without RegionId, ServiceId). */
  readonly createParams: Record<string, RpcValue>;
  /** UpdateService parameters (without RegionId, ServiceId): tags and the resource group are create-only. */
  readonly updateParams: Record<string, RpcValue>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isRelative = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url);

const SCALARS = ["DeployType", "ServiceType", "VersionName", "PolicyNames", "IsSupportOperated", "Duration", "TrialDuration", "TenantType", "ShareType", "ApprovalType"];
const METADATA = ["OperationMetadata", "UpgradeMetadata", "LicenseMetadata", "AlarmMetadata", "LogMetadata"];

/** Reads and checks the folder; relative template Urls become inline TemplateBody (a nestbox extension). */
export function readServiceFolder(folder: string, cwd: string): ServiceFolder {
  const given = resolve(cwd, folder);
  if (!statSync(given, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${given} is not a folder.`);
  const dir = realpathSync(given);
  const name = MANIFEST_FILES.find((f) => existsSync(join(dir, f)));
  if (!name) throw new CliError(`No ${MANIFEST_FILES.join(" / ")} in ${given}.`);
  const manifestFile = join(dir, name);
  let document: unknown;
  try {
    document = parseYaml(readFileSync(manifestFile, "utf8"));
  } catch (e) {
    throw new CliError(`${manifestFile} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const bad = (path: string, message: string) => new CliError(`${manifestFile}: ${path} ${message}`);
  if (!isObject(document) || !isObject(document["Service"])) throw bad("Service", "is required and must be a mapping.");
  const service = document["Service"];
  if (typeof service["DeployType"] !== "string") throw bad("Service.DeployType", "is required (for example ros).");

  const params: Record<string, RpcValue> = {};
  for (const key of SCALARS) {
    const v = service[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw bad(`Service.${key}`, "must be a scalar.");
    params[key] = v;
  }
  for (const key of METADATA) {
    const v = service[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string" && !isObject(v)) throw bad(`Service.${key}`, "must be a mapping or JSON text.");
    params[key] = typeof v === "string" ? v : JSON.stringify(v);
  }

  const infos = service["ServiceInfo"] ?? service["ServiceInfos"];
  const infoList = infos === undefined || infos === null ? [] : Array.isArray(infos) ? infos : [infos];
  if (!infoList.every(isObject)) throw bad("Service.ServiceInfo", "must be a mapping or a list of mappings.");
  if (infoList.length > 0) params["ServiceInfo"] = infoList as RpcValue[];

  const deploy = service["DeployMetadata"];
  if (deploy !== undefined && deploy !== null) {
    params["DeployMetadata"] = JSON.stringify(inlineTemplates(dir, deploy, bad));
  }

  const tags = service["Tags"] ?? service["Tag"];
  const createOnly: Record<string, RpcValue> = {};
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags) || !tags.every(isObject)) throw bad("Service.Tags", "must be a list of {Key, Value} mappings.");
    createOnly["Tag"] = tags as RpcValue[];
  }
  if (typeof service["ResourceGroupId"] === "string") createOnly["ResourceGroupId"] = service["ResourceGroupId"];

  const first = infoList[0] as Record<string, unknown> | undefined;
  return {
    serviceId: typeof service["ServiceId"] === "string" ? service["ServiceId"] : undefined,
    name: typeof first?.["Name"] === "string" ? first["Name"] : undefined,
    createParams: { ...params, ...createOnly },
    updateParams: params,
  };
}

function inlineTemplates(dir: string, deploy: unknown, bad: (path: string, message: string) => CliError): Record<string, unknown> {
  let metadata: unknown = deploy;
  if (typeof deploy === "string") {
    try {
      metadata = JSON.parse(deploy);
    } catch {
      throw bad("Service.DeployMetadata", "is not valid JSON.");
    }
  }
  if (!isObject(metadata)) throw bad("Service.DeployMetadata", "must be a mapping.");
  const configs = metadata["TemplateConfigs"];
  if (configs === undefined) return metadata;
  if (!Array.isArray(configs)) throw bad("Service.DeployMetadata.TemplateConfigs", "must be a list.");
  return {
    ...metadata,
    TemplateConfigs: configs.map((config, i) => {
      if (!isObject(config)) throw bad(`Service.DeployMetadata.TemplateConfigs[${i}]`, "must be a mapping.");
      const url = config["Url"];
      if (typeof url !== "string" || !isRelative(url)) return config;
      const at = `Service.DeployMetadata.TemplateConfigs[${i}].Url`;
      let body: string;
      try {
        const file = realpathSync(resolve(dir, url));
        const inside = relative(dir, file);
        if (inside.startsWith("..") || isAbsolute(inside)) throw bad(at, `names ${url}, which is outside the service folder.`);
        body = readFileSync(file, "utf8");
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw bad(at, `names ${url}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
      }
      const { Url: _url, ...rest } = config;
      return { ...rest, TemplateBody: body };
    }),
  };
}
