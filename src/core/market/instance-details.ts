import type { LinkedDeployment } from "./compute-nest-link.ts";
import type { AppOutputNames } from "./product.ts";

/** Output names tried in order when the product names none (ALIBABA.md 5.1 AppJson keys). */
const DEFAULT_OUTPUTS: Required<{ [K in keyof AppOutputNames]: readonly string[] }> = {
  frontEndUrl: ["FrontEndUrl", "Url", "Endpoint", "WebUrl"],
  adminUrl: ["AdminUrl", "ConsoleUrl"],
  username: ["Username", "UserName", "AdminUser", "AdminUsername"],
  password: ["Password", "AdminPassword"],
};

const text = (v: unknown): string => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * AppJson of DescribeInstance: front-end URL, admin URL, user name and password, read from the
 * linked deployment's outputs (the product's AppOutputs names, else the usual output names).
 * Empty object while nothing is deployed.
 */
export function appJson(linked: LinkedDeployment | undefined, names: AppOutputNames | undefined): Record<string, string> {
  if (!linked) return {};
  const pick = (key: keyof AppOutputNames): string => {
    const named = names?.[key];
    if (named) return text(linked.outputs[named]);
    const found = DEFAULT_OUTPUTS[key].find((n) => linked.outputs[n] !== undefined);
    return found ? text(linked.outputs[found]) : "";
  };
  return { frontEndUrl: pick("frontEndUrl"), adminUrl: pick("adminUrl"), username: pick("username"), password: pick("password") };
}

/**
 * HostJson of DescribeInstance: where the replicas run. The local driver runs them on this host
 * and its URLs name it, so the host is the hostname of the deployment's first URL output; the
 * processes have no login of their own (username and password empty).
 */
export function hostJson(linked: LinkedDeployment | undefined): Record<string, string> {
  if (!linked) return {};
  let ip = "";
  for (const value of Object.values(linked.outputs)) {
    if (typeof value !== "string") continue;
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") {
        ip = url.hostname;
        break;
      }
    } catch {
      // not a URL
    }
  }
  return { ip, innerIp: ip, region: linked.regionId, username: "", password: "", beianInfo: "" };
}
