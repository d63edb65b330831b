import { isDomainError } from "../shared/domain-error.ts";
import { badArgument, CatalogErrorCodes } from "./catalog-errors.ts";
import { checkTemplate, parseDeployMetadata, type TemplateConfig } from "./deploy-metadata.ts";
import type { ServiceContent } from "./service-version.ts";
import type { TemplateSource } from "./template-source.ts";

/** ROS's own TemplateBody limit (524,288 bytes); applied to inline bodies as to fetched ones. */
export const MAX_TEMPLATE_CHARS = 524_288;
const MAX_TEMPLATE_CONFIGS = 20;

const PARAM = "DeployMetadata";

/**
 * Reads and checks every template DeployMetadata names and returns the bodies by template name,
 * to be stored with the version. Only `ros` services carry ROS templates; other deploy types
 * keep their DeployMetadata as an opaque (JSON-checked) document and capture nothing.
 * Throws InvalidArgument naming DeployMetadata: DEPLOY_METADATA_INVALID, TEMPLATE_UNREADABLE
 * or TEMPLATE_INVALID, with the template's name and URL in the message.
 */
export async function captureTemplates(source: TemplateSource, content: ServiceContent): Promise<Record<string, string>> {
  if (content.deployType !== "ros" || content.deployMetadata === undefined) return {};
  const { templateConfigs } = parseDeployMetadata(content.deployMetadata);
  if (templateConfigs.length > MAX_TEMPLATE_CONFIGS) {
    throw badArgument(PARAM, `DeployMetadata may name at most ${MAX_TEMPLATE_CONFIGS} templates.`, CatalogErrorCodes.DEPLOY_METADATA_INVALID);
  }
  const bodies = await Promise.all(templateConfigs.map((config, i) => captureOne(source, config, i)));
  return Object.fromEntries(templateConfigs.map((config, i) => [config.name, bodies[i]!]));
}

async function captureOne(source: TemplateSource, config: TemplateConfig, index: number): Promise<string> {
  const where = `DeployMetadata.TemplateConfigs[${index}] (${config.name})`;
  let body: string;
  if (config.templateBody !== undefined) {
    body = config.templateBody;
  } else {
    try {
      body = await source.read(config.url!);
    } catch (e) {
      throw badArgument(PARAM, `${where}: the template at ${config.url} could not be read: ${reason(e)}`, CatalogErrorCodes.TEMPLATE_UNREADABLE);
    }
  }
  if (body.length > MAX_TEMPLATE_CHARS) {
    throw badArgument(PARAM, `${where}: the template is larger than ${MAX_TEMPLATE_CHARS} characters.`, CatalogErrorCodes.TEMPLATE_INVALID);
  }
  let document: unknown;
  try {
    document = source.parse(body);
  } catch (e) {
    throw badArgument(PARAM, `${where}: the template is not valid JSON or YAML: ${reason(e)}`, CatalogErrorCodes.TEMPLATE_INVALID);
  }
  const problem = checkTemplate(document, config);
  if (problem) throw badArgument(PARAM, `${where}: ${problem}.`, CatalogErrorCodes.TEMPLATE_INVALID);
  return body;
}

const reason = (e: unknown): string => (isDomainError(e) || e instanceof Error ? e.message : String(e));
