import type { PredefinedParameterSet } from "../catalog/deploy-metadata.ts";
import { badInstanceArgument, InstanceErrorCodes as E } from "./instance-errors.ts";

/** Pure input rules of the instance use-cases. Each throws InvalidArgument naming the wire parameter. */

/** CreateServiceInstance Name (ALIBABA.md 3.2): up to 64, starts with a letter or digit, then letters, digits, _ and -. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function checkInstanceName(name: string): string {
  if (!NAME.test(name)) {
    throw badInstanceArgument(
      "Name",
      `The specified Name ${JSON.stringify(name)} is not valid: use 1 to 64 letters, digits, underscores (_) and hyphens (-), starting with a letter or digit.`,
      E.INSTANCE_NAME_INVALID,
    );
  }
  return name;
}

/** Tag.N (ALIBABA.md 3.1): at most 20, keys 1..128 characters and unique, values up to 128. */
export const MAX_TAGS = 20;

export function checkTags(tags: readonly { readonly key?: string; readonly value?: string }[] | undefined): { key: string; value: string }[] {
  const list = tags ?? [];
  if (list.length > MAX_TAGS) throw badInstanceArgument("Tag", `At most ${MAX_TAGS} tags may be given.`);
  const seen = new Set<string>();
  return list.map((t, i) => {
    const key = t.key ?? "";
    const value = t.value ?? "";
    if (key.length < 1 || key.length > 128 || /^(aliyun|acs:)/i.test(key)) {
      throw badInstanceArgument(`Tag.${i + 1}.Key`, `Tag.${i + 1}.Key must be 1 to 128 characters and may not start with aliyun or acs:.`);
    }
    if (value.length > 128) throw badInstanceArgument(`Tag.${i + 1}.Value`, `Tag.${i + 1}.Value may be at most 128 characters.`);
    if (seen.has(key)) throw badInstanceArgument(`Tag.${i + 1}.Key`, `The tag key ${JSON.stringify(key)} is given more than once.`);
    seen.add(key);
    return { key, value };
  });
}

/** ClientToken (ALIBABA.md 2.5): ASCII, at most 64 characters. */
export function checkClientToken(token: string | undefined): string | undefined {
  if (token === undefined || token === "") return undefined;
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw badInstanceArgument("ClientToken", "ClientToken must be at most 64 printable ASCII characters.");
  }
  return token;
}

const RESOURCE_GROUP = /^rg-[A-Za-z0-9]{1,61}$/;

export function checkResourceGroupId(id: string | undefined): string | undefined {
  if (id === undefined || id === "") return undefined;
  if (!RESOURCE_GROUP.test(id)) throw badInstanceArgument("ResourceGroupId", `The specified ResourceGroupId ${JSON.stringify(id)} is not valid.`);
  return id;
}

/**
 * The package's values with the caller's over them (ALIBABA.md 6.7). Throws
 * SPECIFICATION_NAME_INVALID when the template config has no package of that name.
 */
export function mergeSpecification(
  packages: readonly PredefinedParameterSet[],
  specificationName: string | undefined,
  parameters: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (specificationName === undefined || specificationName === "") return { ...parameters };
  const chosen = packages.find((p) => p.name === specificationName);
  if (!chosen) {
    const known = packages.map((p) => p.name);
    throw badInstanceArgument(
      "SpecificationName",
      `The specified SpecificationName ${JSON.stringify(specificationName)} is not valid; ${known.length ? `use one of ${known.join(", ")}` : "the template has no packages"}.`,
      E.SPECIFICATION_NAME_INVALID,
    );
  }
  return { ...chosen.parameters, ...parameters };
}

/**
 * The deployment region: Parameters.RegionId (ALIBABA.md 3.2, 6.7), else the request's region.
 * It must be a configured region and, when the template config lists AllowedRegions, one of them.
 */
export function deploymentRegion(
  parameters: Readonly<Record<string, unknown>>,
  requestRegion: string,
  isKnown: (region: string) => boolean,
  allowedRegions: readonly string[] | undefined,
): string {
  const given = parameters["RegionId"];
  if (given !== undefined && typeof given !== "string") {
    throw badInstanceArgument("Parameters.RegionId", "Parameters.RegionId must be a string.");
  }
  const region = given || requestRegion;
  if (!isKnown(region)) {
    throw badInstanceArgument("Parameters.RegionId", `The specified region ${JSON.stringify(region)} is not supported.`);
  }
  if (allowedRegions && allowedRegions.length > 0 && !allowedRegions.includes(region)) {
    throw badInstanceArgument(
      "Parameters.RegionId",
      `The service cannot be deployed in ${region}; its template allows ${allowedRegions.join(", ")}.`,
      E.DEPLOY_REGION_NOT_ALLOWED,
    );
  }
  return region;
}
