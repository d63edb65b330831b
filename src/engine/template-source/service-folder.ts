import { readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import YAML from "yaml";
import { manifestTemplatePaths, parseServiceManifest, type ServiceManifest } from "../../core/catalog/service-manifest.ts";
import { MAX_TEMPLATE_CHARS } from "../../core/catalog/template-capture.ts";

/** Manifest file names, first found wins; config.yaml is computenest-cli's name for the same file. */
export const MANIFEST_FILES = ["service.yaml", "service.yml", "config.yaml"] as const;

/** A service folder could not be read; the message names the file and the reason. */
export class ServiceFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceFolderError";
  }
}

/**
 * Reads a service folder (`nestbox services publish <folder>`): the manifest (service.yaml,
 * see core/catalog/service-manifest.ts) and every template it names by a relative Url, which
 * must stay inside the folder. Returns the catalog input with those templates inline.
 * Throws ServiceFolderError for files, DomainError(InvalidArgument) for manifest content.
 */
export async function readServiceFolder(folder: string): Promise<ServiceManifest> {
  const root = await realpath(folder).catch(() => {
    throw new ServiceFolderError(`The folder ${folder} does not exist.`);
  });
  const manifestFile = await firstExisting(root);
  const manifestText = await readText(join(root, manifestFile), manifestFile);
  let document: unknown;
  try {
    document = YAML.parse(manifestText, { prettyErrors: true });
  } catch (e) {
    throw new ServiceFolderError(`${manifestFile} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const templates: Record<string, string> = {};
  for (const path of manifestTemplatePaths(document)) {
    templates[path] = await readText(await inside(root, path), path);
  }
  return parseServiceManifest(document, templates);
}

async function firstExisting(root: string): Promise<string> {
  for (const name of MANIFEST_FILES) {
    const info = await stat(join(root, name)).catch(() => undefined);
    if (info?.isFile()) return name;
  }
  throw new ServiceFolderError(`No ${MANIFEST_FILES.join(" or ")} in ${root}.`);
}

/** Resolves a relative path in the folder, refusing anything (symlinks included) that leaves it. */
async function inside(root: string, path: string): Promise<string> {
  if (isAbsolute(path)) throw new ServiceFolderError(`Template path ${path} must be relative to the service folder.`);
  const real = await realpath(join(root, path)).catch(() => {
    throw new ServiceFolderError(`The template file ${path} does not exist in ${root}.`);
  });
  const rel = relative(root, real);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ServiceFolderError(`The template file ${path} is outside the service folder.`);
  }
  return real;
}

async function readText(file: string, shown: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ServiceFolderError(`${shown} is not a file.`);
  if (info.size > MAX_TEMPLATE_CHARS * 4) throw new ServiceFolderError(`${shown} is too large.`);
  return readFile(file, "utf8");
}
