import { Type, type Static } from "@sinclair/typebox";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import type { Service, Tag } from "../../../../core/catalog/service.ts";
import type { ServiceInfoInput } from "../../../../core/catalog/service-content.ts";
import type { LocaleConfig, ServiceInfo, ServiceVersion } from "../../../../core/catalog/service-version.ts";
import type { ServiceFilter } from "../../../../core/catalog/catalog-queries.ts";

/**
 * Wire pieces shared by the Compute Nest service operations (supplier 2021-05-21 and user
 * 2021-06-01): parameter schemas with the SDK models' exact names, and domain -> wire mappers.
 * Compute Nest is a modern POP API: arrays are plain, metadata documents are JSON strings,
 * times are ISO-8601 UTC without milliseconds (ALIBABA.md 2.1, 2.2).
 */

/** `2021-05-20T00:00:00Z`, the form every Compute Nest time field uses. */
export const isoTime = (d: Date | undefined): string | undefined =>
  d === undefined ? undefined : d.toISOString().replace(/\.\d{3}Z$/, "Z");

export const ServiceInfoParam = Type.Object({
  Locale: Type.Optional(Type.String()),
  Name: Type.Optional(Type.String()),
  Image: Type.Optional(Type.String()),
  ShortDescription: Type.Optional(Type.String()),
  LongDescriptionUrl: Type.Optional(Type.String()),
  Agreements: Type.Optional(Type.Array(Type.Object({ Name: Type.Optional(Type.String()), Url: Type.Optional(Type.String()) }))),
  Softwares: Type.Optional(Type.Array(Type.Object({ Name: Type.Optional(Type.String()), Version: Type.Optional(Type.String()) }))),
});

export const TagParam = Type.Object({ Key: Type.Optional(Type.String()), Value: Type.Optional(Type.String()) });

/** `Filter.N.Name` + `Filter.N.Value.M` (ALIBABA.md 3.1). */
export const FilterParam = Type.Object({ Name: Type.Optional(Type.String()), Value: Type.Optional(Type.Array(Type.String())) });

export const LocaleConfigParam = Type.Object({
  OriginalValue: Type.Optional(Type.String()),
  EnValue: Type.Optional(Type.String()),
  ZhValue: Type.Optional(Type.String()),
});

export const fromServiceInfoParams = (infos: readonly Static<typeof ServiceInfoParam>[] | undefined): ServiceInfoInput[] | undefined =>
  infos?.map((i) => ({
    locale: i.Locale,
    name: i.Name,
    image: i.Image,
    shortDescription: i.ShortDescription,
    longDescriptionUrl: i.LongDescriptionUrl,
    agreements: i.Agreements?.map((a) => ({ name: a.Name, url: a.Url })),
    softwares: i.Softwares?.map((s) => ({ name: s.Name, version: s.Version })),
  }));

export const fromTagParams = (tags: readonly Static<typeof TagParam>[] | undefined) =>
  tags?.map((t) => ({ key: t.Key, value: t.Value }));

export const fromLocaleConfigParams = (configs: readonly Static<typeof LocaleConfigParam>[] | undefined) =>
  configs?.map((c) => ({ originalValue: c.OriginalValue, enValue: c.EnValue, zhValue: c.ZhValue }));

/** Parses a `json`-style parameter (the SDK sends the object JSON.stringify'd, ALIBABA.md 1.4). */
export function jsonParam(text: string | undefined, parameter: string): Record<string, unknown> | undefined {
  if (text === undefined || text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DomainError("InvalidArgument", "INVALID_ARGUMENT", `The specified parameter ${parameter} is not a valid JSON object.`, {
      parameter,
    });
  }
  return value as Record<string, unknown>;
}

/** ComplianceMetadata = {"CompliancePacks": ["..."]}. */
export function compliancePacksParam(text: string | undefined): string[] | undefined {
  const value = jsonParam(text, "ComplianceMetadata");
  if (value === undefined) return undefined;
  const packs = value["CompliancePacks"] ?? [];
  if (!Array.isArray(packs) || !packs.every((p) => typeof p === "string")) {
    throw new DomainError("InvalidArgument", "INVALID_ARGUMENT", "ComplianceMetadata.CompliancePacks must be an array of strings.", {
      parameter: "ComplianceMetadata",
    });
  }
  return packs;
}

const FILTER_NAMES = ["ServiceId", "Name", "Status", "SupplierName", "Version"] as const;

/**
 * Filters of ListServices (ALIBABA.md 4.3). Version is not documented but computenest-cli sends
 * it (Filter Name=Version, Value=draft). Unknown names are refused rather than ignored.
 */
export function fromServiceFilters(filters: readonly Static<typeof FilterParam>[] | undefined, allowed: readonly string[] = FILTER_NAMES): ServiceFilter {
  const out: { serviceIds?: string[]; versions?: string[]; statuses?: string[]; names?: string[]; supplierNames?: string[] } = {};
  (filters ?? []).forEach((f, i) => {
    if (!f.Name || !allowed.includes(f.Name)) {
      throw new DomainError(
        "InvalidArgument",
        "INVALID_ARGUMENT",
        `The specified Filter.${i + 1}.Name ${JSON.stringify(f.Name ?? "")} is not valid; use one of ${allowed.join(", ")}.`,
        { parameter: `Filter.${i + 1}.Name` },
      );
    }
    const values = f.Value ?? [];
    if (values.length > 10) {
      throw new DomainError("InvalidArgument", "INVALID_ARGUMENT", `Filter.${i + 1}.Value takes at most 10 values.`, {
        parameter: `Filter.${i + 1}.Value`,
      });
    }
    if (values.length === 0) return;
    const key = ({ ServiceId: "serviceIds", Name: "names", Status: "statuses", SupplierName: "supplierNames", Version: "versions" } as const)[
      f.Name as (typeof FILTER_NAMES)[number]
    ];
    out[key] = [...(out[key] ?? []), ...values];
  });
  return out;
}

export const toTags = (tags: readonly Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));

export const toLocaleConfigs = (configs: readonly LocaleConfig[]) =>
  configs.map((c) => ({ OriginalValue: c.originalValue, EnValue: c.enValue, ZhValue: c.zhValue }));

/** Full ServiceInfos (GetService). */
export const toServiceInfos = (infos: readonly ServiceInfo[]) =>
  infos.map((i) => ({
    Locale: i.locale,
    Name: i.name,
    // Seed and SDK models always carry these strings; "" when the supplier gave none.
    Image: i.image ?? "",
    ShortDescription: i.shortDescription ?? "",
    LongDescriptionUrl: i.longDescriptionUrl ?? "",
    Agreements: i.agreements.map((a) => ({ Name: a.name, Url: a.url })),
    Softwares: i.softwares.map((s) => ({ Name: s.name, Version: s.version })),
  }));

/** The short ServiceInfos of ListServices items (Locale, Name, Image, ShortDescription). */
export const toShortServiceInfos = (infos: readonly ServiceInfo[]) =>
  infos.map((i) => ({ Locale: i.locale, Name: i.name, Image: i.image ?? "", ShortDescription: i.shortDescription ?? "" }));

/** Our reading of ServiceDiscoverable: a Public service can be found by anyone. */
export const discoverability = (service: Service): "DISCOVERABLE" | "INVISIBLE" =>
  service.shareType === "Public" ? "DISCOVERABLE" : "INVISIBLE";

export const categoriesText = (version: ServiceVersion): string | undefined =>
  version.categories.length > 0 ? version.categories.join(",") : undefined;

/** Account ids are < 2^53 by construction (core/shared/ids.ts), so the number is exact. */
export const uidNumber = (accountId: string): number => Number(accountId);
