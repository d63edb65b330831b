/**
 * Where template bodies come from: the port the catalog reads DeployMetadata's
 * TemplateConfigs[].Url through (implemented in engine/template-source/, which knows files, HTTP
 * and YAML). The catalog calls it only while writing a version (CreateService, UpdateService), so
 * a slow or changing URL never affects deployments of a captured version.
 */
export interface TemplateSource {
  /**
   * Reads the template at `url` and returns its text. Throws an Error whose message says why
   * (unsupported scheme, not allowed, not found, HTTP status, timeout, too large); the catalog
   * turns it into InvalidArgument TEMPLATE_UNREADABLE naming DeployMetadata. Safe to repeat.
   */
  read(url: string): Promise<string>;
  /**
   * Parses template text (JSON or YAML, ROS short forms such as `!Ref` allowed) into a plain
   * value. Throws an Error whose message says where the text is malformed; the catalog turns it
   * into InvalidArgument TEMPLATE_INVALID. Pure.
   */
  parse(text: string): unknown;
}
