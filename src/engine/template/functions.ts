import { isDeepStrictEqual } from "node:util";
import { templateInvalid } from "./template-errors.ts";

/** ALIYUN::NoValue: drops the property or list entry it stands in (ALIBABA.md 6.6). */
export const NO_VALUE = Symbol("ALIYUN::NoValue");

export const FUNCTIONS = [
  "Ref",
  "Fn::GetAtt",
  "Fn::Sub",
  "Fn::Join",
  "Fn::Select",
  "Fn::Split",
  "Fn::If",
  "Fn::Equals",
  "Fn::And",
  "Fn::Or",
  "Fn::Not",
  "Fn::Base64Encode",
  "Fn::Base64Decode",
  "Fn::FindInMap",
  "Fn::Replace",
  "Fn::Str",
  "Fn::Length",
  "Condition",
] as const;

/** What evaluation can look up. `ref`/`getAtt` throw for resources that do not exist yet. */
export interface EvalScope {
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly pseudo: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, Record<string, Record<string, unknown>>>>;
  condition(name: string): boolean;
  isResource(name: string): boolean;
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Returns the function name when `node` is a one-key function object. */
export function functionName(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  if (k === "Ref" || k === "Condition" || k.startsWith("Fn::")) return k;
  return undefined;
}

/** Evaluates intrinsic functions recursively; `path` names the place for error messages. */
export function evaluate(node: unknown, scope: EvalScope, path: string): unknown {
  if (Array.isArray(node)) return node.map((n, i) => evaluate(n, scope, `${path}[${i}]`)).filter((v) => v !== NO_VALUE);
  const fn = functionName(node);
  if (fn) return apply(fn, (node as Record<string, unknown>)[fn], scope, `${path}.${fn}`);
  if (isObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const value = evaluate(v, scope, `${path}.${k}`);
      if (value !== NO_VALUE) out[k] = value;
    }
    return out;
  }
  return node;
}

function apply(fn: string, arg: unknown, scope: EvalScope, path: string): unknown {
  const bad = (msg: string) => templateInvalid(path, msg);
  const list = (n: number): unknown[] => {
    if (!Array.isArray(arg) || arg.length !== n) throw bad(`takes a list of ${n} arguments`);
    return arg;
  };
  switch (fn) {
    case "Ref": {
      if (typeof arg !== "string") throw bad("takes a parameter, resource or pseudo parameter name");
      return refValue(arg, scope, path);
    }
    case "Fn::GetAtt": {
      const [res, attr] = list(2);
      if (typeof res !== "string" || typeof attr !== "string") throw bad("takes [LogicalId, Attribute]");
      return scope.getAtt(res, attr);
    }
    case "Fn::Sub": {
      const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [arg, {}];
      if (typeof text !== "string" || !isObject(vars)) throw bad("takes a string or [string, {variables}]");
      const values = evaluate(vars, scope, path) as Record<string, unknown>;
      return text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
        if (name.startsWith("!")) return "${" + name.slice(1) + "}";
        if (name in values) return stringify(values[name]);
        const dot = name.indexOf(".");
        if (dot > 0 && scope.isResource(name.slice(0, dot))) return stringify(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)));
        return stringify(refValue(name, scope, path));
      });
    }
    case "Fn::Join": {
      const [delim, items] = list(2);
      const values = evaluate(items, scope, path);
      if (typeof delim !== "string" || !Array.isArray(values)) throw bad("takes [delimiter, [values]]");
      return values.map(stringify).join(delim);
    }
    case "Fn::Select": {
      const [index, items] = list(2);
      const i = Number(evaluate(index, scope, path));
      const values = evaluate(items, scope, path);
      if (!Array.isArray(values) || !Number.isInteger(i)) throw bad("takes [index, [values]]");
      if (i < 0 || i >= values.length) throw bad(`index ${i} is outside the list of ${values.length}`);
      return values[i];
    }
    case "Fn::Split": {
      const [delim, text] = list(2);
      const value = evaluate(text, scope, path);
      if (typeof delim !== "string" || typeof value !== "string") throw bad("takes [delimiter, string]");
      return value.split(delim);
    }
    case "Fn::If": {
      const [cond, yes, no] = list(3);
      if (typeof cond !== "string") throw bad("takes [ConditionName, value if true, value if false]");
      return scope.condition(cond) ? evaluate(yes, scope, `${path}[1]`) : evaluate(no, scope, `${path}[2]`);
    }
    case "Fn::Equals": {
      const [a, b] = list(2).map((v) => evaluate(v, scope, path));
      return typeof a === "object" || typeof b === "object" ? isDeepStrictEqual(a, b) : String(a) === String(b);
    }
    case "Fn::And":
    case "Fn::Or": {
      if (!Array.isArray(arg) || arg.length < 2) throw bad("takes a list of at least two conditions");
      const values = arg.map((c) => conditionValue(c, scope, path));
      return fn === "Fn::And" ? values.every(Boolean) : values.some(Boolean);
    }
    case "Fn::Not":
      return !conditionValue(Array.isArray(arg) ? arg[0] : arg, scope, path);
    case "Condition":
      if (typeof arg !== "string") throw bad("takes a condition name");
      return scope.condition(arg);
    case "Fn::Base64Encode":
      return Buffer.from(stringify(evaluate(arg, scope, path)), "utf8").toString("base64");
    case "Fn::Base64Decode":
      return Buffer.from(stringify(evaluate(arg, scope, path)), "base64").toString("utf8");
    case "Fn::FindInMap": {
      const [map, k1, k2] = list(3).map((v) => evaluate(v, scope, path));
      const found = scope.mappings[String(map)]?.[String(k1)]?.[String(k2)];
      if (found === undefined) throw bad(`Mappings.${String(map)}.${String(k1)}.${String(k2)} does not exist`);
      return found;
    }
    case "Fn::Replace": {
      const [pairs, text] = list(2);
      const value = evaluate(text, scope, path);
      if (!isObject(pairs) || typeof value !== "string") throw bad("takes [{from: to}, string]");
      let out = value;
      for (const [from, to] of Object.entries(pairs)) out = out.split(from).join(stringify(evaluate(to, scope, path)));
      return out;
    }
    case "Fn::Str":
      return stringify(evaluate(arg, scope, path));
    case "Fn::Length": {
      const value = evaluate(arg, scope, path);
      if (!Array.isArray(value) && typeof value !== "string") throw bad("takes a list or a string");
      return value.length;
    }
    default:
      throw bad(`unknown function ${fn}`);
  }
}

function conditionValue(c: unknown, scope: EvalScope, path: string): boolean {
  if (typeof c === "string") return scope.condition(c);
  const v = evaluate(c, scope, path);
  if (typeof v !== "boolean") throw templateInvalid(path, "a condition must evaluate to true or false");
  return v;
}

function refValue(name: string, scope: EvalScope, path: string): unknown {
  if (name in scope.parameters) return scope.parameters[name];
  if (name in scope.pseudo) return scope.pseudo[name];
  if (scope.isResource(name)) return scope.ref(name);
  throw templateInvalid(path, `Ref to unknown name ${name}`);
}

export function stringify(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null || v === NO_VALUE) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export interface Reference {
  readonly name: string;
  readonly attribute?: string;
}

/**
 * Every name `node` refers to (Ref, GetAtt, ${...} in Sub), following only the branch of each
 * Fn::If that its condition takes, so a reference behind a false condition creates no dependency.
 * Checks function names and argument shapes on the way.
 */
export function collectReferences(node: unknown, condition: (name: string) => boolean, path: string, out: Reference[] = []): Reference[] {
  if (Array.isArray(node)) {
    node.forEach((n, i) => collectReferences(n, condition, `${path}[${i}]`, out));
    return out;
  }
  if (!isObject(node)) return out;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0]!.startsWith("Fn::") || keys[0] === "Ref") && !(FUNCTIONS as readonly string[]).includes(keys[0]!)) {
    throw templateInvalid(`${path}.${keys[0]}`, `unknown function ${keys[0]}`);
  }
  const fn = functionName(node);
  const arg = fn ? node[fn] : undefined;
  switch (fn) {
    case "Ref":
      if (typeof arg !== "string") throw templateInvalid(`${path}.Ref`, "takes a name");
      out.push({ name: arg });
      return out;
    case "Fn::GetAtt":
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== "string" || typeof arg[1] !== "string") {
        throw templateInvalid(`${path}.Fn::GetAtt`, "takes [LogicalId, Attribute]");
      }
      out.push({ name: arg[0], attribute: arg[1] });
      return out;
    case "Fn::Sub": {
      const text = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
      if (typeof text !== "string") throw templateInvalid(`${path}.Fn::Sub`, "takes a string or [string, {variables}]");
      collectReferences(vars, condition, `${path}.Fn::Sub`, out);
      for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
        const name = m[1]!;
        if (name.startsWith("!") || name in vars) continue;
        const dot = name.indexOf(".");
        out.push(dot > 0 ? { name: name.slice(0, dot), attribute: name.slice(dot + 1) } : { name });
      }
      return out;
    }
    case "Fn::If": {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== "string") {
        throw templateInvalid(`${path}.Fn::If`, "takes [ConditionName, value if true, value if false]");
      }
      return collectReferences(condition(arg[0]) ? arg[1] : arg[2], condition, `${path}.Fn::If`, out);
    }
    default:
      for (const [k, v] of Object.entries(node)) collectReferences(v, condition, `${path}.${k}`, out);
      return out;
  }
}
