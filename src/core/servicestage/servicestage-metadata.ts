import { NAMED_FLAVORS } from "./servicestage-validation.ts";

/** A ListFlavors entry (B.8). Sizes are recorded on instances, not enforced by the local driver. */
export interface Flavor {
  readonly flavorId: string;
  readonly storageSize: string;
  readonly numCpu: string;
  readonly numCpuInit: string;
  readonly memorySize: string;
  readonly memorySizeInit: string;
  readonly label: string;
  readonly custom: boolean;
}

/** The five named flavors, parsed from their ids (`SMALL-10G:1.0C:2G`). */
export function metadataFlavors(): Flavor[] {
  return NAMED_FLAVORS.map((id) => {
    const [label, sizes] = id.split("-") as [string, string];
    const [storage, cpu, memory] = sizes.split(":") as [string, string, string];
    return { flavorId: id, storageSize: storage, numCpu: cpu.replace("C", ""), numCpuInit: cpu.replace("C", ""), memorySize: memory, memorySizeInit: memory, label: label.toLowerCase(), custom: false };
  });
}

/**
 * A ListTemplates entry (B.8): a starter package this host can run, one per runtime it has (the
 * vendor's magento, mbaas and wordpress do not exist here). `sourceRepoUrl` is the package's URL,
 * usable as an artifact url; `runtime` is a ListRuntimes type_name.
 */
export interface Template {
  readonly templateName: string;
  readonly templateDesc: string;
  readonly sourceType: string;
  readonly sourceRepoUrl: string;
  readonly runtime: string;
}
