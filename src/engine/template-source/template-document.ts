import YAML, { type Tags } from "yaml";

/**
 * ROS functions that YAML templates may write in short form (`!Ref Name`, `!GetAtt Web.Url`,
 * `!Join [",", [...]]`), ALIBABA.md 6.5. Each becomes the long form (`{Ref: Name}`,
 * `{"Fn::GetAtt": ["Web", "Url"]}`, `{"Fn::Join": [...]}`), so the evaluator sees one form.
 */
export const ROS_SHORT_FORMS = [
  "Ref", "GetAtt", "Sub", "Join", "Select", "Split", "Replace", "FindInMap", "GetAZs", "Base64Encode",
  "Base64Decode", "Str", "Indent", "If", "Equals", "And", "Or", "Not", "Index", "Length", "ListMerge",
  "GetJsonValue", "MergeMapToList", "SelectMapList", "Add", "Avg", "Calculate", "Max", "Min",
  "GetStackOutput", "Jq", "FormatTime", "MarketplaceImage", "Any", "Contains", "EachMemberIn",
  "MatchPattern", "Cidr",
] as const;

function shortFormTags(): Tags {
  const tags: Tags = [];
  for (const name of ROS_SHORT_FORMS) {
    const key = name === "Ref" ? "Ref" : `Fn::${name}`;
    // `!GetAtt Resource.Attribute` is the documented scalar form of ["Resource", "Attribute"].
    const wrap = (value: unknown) => ({
      [key]: name === "GetAtt" && typeof value === "string" && value.includes(".") ? splitOnce(value) : value,
    });
    tags.push({ tag: `!${name}`, resolve: (text: string) => wrap(text) });
    tags.push({ tag: `!${name}`, collection: "seq", resolve: (seq) => wrap(seq.toJSON()) });
    tags.push({ tag: `!${name}`, collection: "map", resolve: (map) => wrap(map.toJSON()) });
  }
  return tags;
}

const splitOnce = (s: string) => {
  const i = s.indexOf(".");
  return [s.slice(0, i), s.slice(i + 1)];
};

const TAGS = shortFormTags();

/**
 * Parses a template's text, JSON or YAML (JSON is read by the same YAML 1.2 parser, so
 * duplicate keys are refused in both). Throws an Error naming the line and column of the first
 * problem, including an unknown `!Tag`. Pure; alias expansion is bounded by the yaml package.
 */
export function parseTemplateDocument(text: string): unknown {
  const doc = YAML.parseDocument(text, { customTags: TAGS, prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (problem) throw new Error(firstLine(problem.message));
  return doc.toJS({ maxAliasCount: 100 });
}

const firstLine = (message: string) => message.split("\n")[0]!.trim();
