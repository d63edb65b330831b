import { invalidParam } from "./servicestage-errors.ts";
import type { Artifact, Component, Environment, ExternalAccessRequest, InstanceSpec, JsonObject, ReferResource } from "./servicestage-model.ts";
import { readConfiguration, refuseUnenforceable } from "./instance-configuration.ts";
import { array, description, flavorId, isObject, jsonObject, oneOf, optionalString, requireString, semver } from "./servicestage-validation.ts";

export const MAX_REPLICAS = 100;

/**
 * Reads the InstanceSpec part of InstanceCreate / InstanceModify (B.6.1, B.6.3). `previous` fills
 * what a modify leaves out. Artifacts may be omitted when the component's source is an artifact
 * (B.6.1 "optional if the component source already defines the package"). The local engine runs
 * packages only: an image artifact is refused, and so is a URL it cannot fetch (file:, http:, https:).
 */
export function readInstanceSpec(body: Record<string, unknown>, component: Component, environment: Environment, previous?: InstanceSpec): InstanceSpec {
  const configuration = body.configuration === undefined && previous ? previous.configuration : (jsonObject(body.configuration, "configuration") ?? {});
  readConfiguration(configuration); // validates; the engine reads it again when it acts
  if (body.configuration !== undefined || !previous) refuseUnenforceable(configuration);
  return {
    version: semver(body.version),
    flavorId: body.flavor_id === undefined && previous ? previous.flavorId : flavorId(body.flavor_id),
    artifacts: body.artifacts === undefined && previous ? previous.artifacts : readArtifacts(body.artifacts, component),
    configuration,
    description: body.description === undefined && previous ? previous.description : description(body.description),
    externalAccesses: body.external_accesses === undefined && previous ? previous.externalAccesses : readExternalAccesses(body.external_accesses),
    referResources: body.refer_resources === undefined && previous ? previous.referResources : readReferResources(body.refer_resources, environment),
  };
}

function readArtifacts(value: unknown, component: Component): Record<string, Artifact> {
  if (value === undefined || value === null) {
    const source = component.source;
    const spec = source?.kind === "artifact" && isObject(source.spec) ? source.spec : undefined;
    if (!spec) throw invalidParam("artifacts", "artifacts is required: the component's source defines no package.");
    return { [component.name]: readArtifact(spec, "component.source.spec") };
  }
  if (!isObject(value)) throw invalidParam("artifacts", "artifacts must be an object keyed by component (or container) name.");
  const entries = Object.entries(value);
  if (entries.length === 0) throw invalidParam("artifacts", "artifacts must name at least one artifact.");
  if (entries.length > 1) throw invalidParam("artifacts", "The local driver runs one package per instance; artifacts must name one.");
  return Object.fromEntries(entries.map(([name, a]) => [name, readArtifact(a, `artifacts.${name}`)]));
}

function readArtifact(value: unknown, at: string): Artifact {
  if (!isObject(value)) throw invalidParam(at, `${at} must be an object.`);
  const type = oneOf(value.type, `${at}.type`, ["package", "image"], "package");
  if (type === "image") throw invalidParam(`${at}.type`, "The local driver runs packages; image artifacts need a container driver.");
  const url = requireString(value.url, `${at}.url`, { min: 1, max: 2048 });
  if (!/^(file:|https?:\/\/)/.test(url)) throw invalidParam(`${at}.url`, `${at}.url must be a file:, http:// or https:// URL of a package (tar.gz, zip or a single file).`);
  const version = optionalString(value.version, `${at}.version`, 64);
  const properties = jsonObject(value.properties, `${at}.properties`);
  return {
    storage: oneOf(value.storage, `${at}.storage`, ["swr", "obs", "devcloud", "codearts", "http", "file"], "swr"),
    type,
    url,
    auth: oneOf(value.auth, `${at}.auth`, ["iam", "none"], "iam"),
    ...(version !== undefined ? { version } : {}),
    properties: properties ?? {},
  };
}

function readExternalAccesses(value: unknown): ExternalAccessRequest[] {
  return array(value, "external_accesses").map((item, i) => {
    const at = `external_accesses[${i}]`;
    if (!isObject(item)) throw invalidParam(at, `${at} must be an object.`);
    const port = item.forward_port;
    if (port !== undefined && port !== null && (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)) {
      throw invalidParam(`${at}.forward_port`, `${at}.forward_port must be a port number.`);
    }
    return {
      protocol: oneOf(typeof item.protocol === "string" ? item.protocol.toLowerCase() : item.protocol, `${at}.protocol`, ["http", "https"], "http"),
      address: optionalString(item.address, `${at}.address`, 255) ?? "",
      forwardPort: typeof port === "number" ? port : 0,
    };
  });
}

/** refer_resources must name a basic resource of the environment (ecs `Default` is this host). */
function readReferResources(value: unknown, environment: Environment): ReferResource[] {
  const list = array(value, "refer_resources").map((item, i) => {
    const at = `refer_resources[${i}]`;
    if (!isObject(item)) throw invalidParam(at, `${at} must be an object {id, type}.`);
    const parameters = jsonObject(item.parameters, `${at}.parameters`);
    const alias = optionalString(item.refer_alias, `${at}.refer_alias`, 64);
    return { id: requireString(item.id, `${at}.id`, { min: 1 }), type: requireString(item.type, `${at}.type`, { min: 1 }), ...(alias ? { referAlias: alias } : {}), ...(parameters ? { parameters: parameters as JsonObject } : {}) };
  });
  const basic = list.find((r) => ["cce", "cci", "ecs", "as"].includes(r.type));
  if (!basic) throw invalidParam("refer_resources", 'refer_resources must name a basic resource of the environment, e.g. {"id": "Default", "type": "ecs"}.');
  const known = environment.baseResources.some((r) => r.type === basic.type && (r.id === basic.id || basic.type === "ecs"));
  if (!known) throw invalidParam("refer_resources", `Environment ${environment.id} has no ${basic.type} resource ${basic.id}.`);
  if (basic.type === "ecs" && basic.id !== "Default") throw invalidParam("refer_resources", 'An ecs reference uses the id "Default" (hosts in parameters.hosts).');
  if (basic.type === "cce" && !(basic.parameters && typeof basic.parameters.namespace === "string")) {
    throw invalidParam("refer_resources", "A cce reference needs parameters.namespace.");
  }
  return list;
}
