import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import jsonPatch from "fast-json-patch";
import { parseAllDocuments, parse as parseYaml } from "yaml";

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the subset of kustomize our
 * manifests use, so tests can check the exact objects a cluster would receive without a kustomize
 * binary. Anything outside that subset is refused with an error rather than rendered differently:
 * the manifests stay plain kustomize, and this renderer can never silently disagree with it.
 *
 * Order, as in kustomize: resources (sub-kustomizations fully rendered), generators, patches,
 * then the namespace, labels, images and replicas transformers.
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  patches?: { path?: string; patch?: string; target: PatchTarget }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
}

interface PatchTarget {
  kind?: string;
  name?: string;
}

interface Generator {
  name: string;
  behavior?: "create" | "merge" | "replace";
  literals?: string[];
}

const SUPPORTED_KEYS = new Set([
  "apiVersion",
  "kind",
  "namespace",
  "resources",
  "labels",
  "patches",
  "images",
  "replicas",
  "generatorOptions",
  "configMapGenerator",
  "secretGenerator",
]);

/** Kinds that live outside namespaces: the namespace transformer leaves them alone. */
const CLUSTER_SCOPED_KINDS = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass"]);

export class UnsupportedKustomizationError extends Error {}

export function renderKustomization(directory: string): KubernetesObject[] {
  const file = join(directory, "kustomization.yaml");
  const kustomization = parseYaml(readFileSync(file, "utf8")) as Kustomization;
  refuseUnsupported(kustomization, file);
  let objects = (kustomization.resources ?? []).flatMap((entry) => loadResource(resolve(directory, entry)));
  objects = applyGenerators(objects, kustomization, file);
  for (const patch of kustomization.patches ?? []) objects = applyPatch(objects, patch, directory);
  if (kustomization.namespace) setNamespace(objects, kustomization.namespace);
  for (const label of kustomization.labels ?? []) addLabels(objects, label);
  for (const image of kustomization.images ?? []) setImage(objects, image);
  for (const replica of kustomization.replicas ?? []) setReplicas(objects, replica, file);
  return objects;
}

function refuseUnsupported(kustomization: Kustomization, file: string): void {
  const unknown = Object.keys(kustomization).filter((key) => !SUPPORTED_KEYS.has(key));
  if (unknown.length > 0)
    throw new UnsupportedKustomizationError(
      `${file}: unsupported kustomization fields ${unknown.join(", ")}`,
    );
  const generates =
    (kustomization.configMapGenerator ?? []).length + (kustomization.secretGenerator ?? []).length;
  if (generates > 0 && kustomization.generatorOptions?.disableNameSuffixHash !== true)
    throw new UnsupportedKustomizationError(
      `${file}: generators need generatorOptions.disableNameSuffixHash: true (hash suffixes are not rendered)`,
    );
  for (const label of kustomization.labels ?? [])
    if (label.includeSelectors)
      throw new UnsupportedKustomizationError(
        `${file}: labels.includeSelectors would change immutable selectors`,
      );
}

function loadResource(path: string): KubernetesObject[] {
  if (statSync(path).isDirectory()) return renderKustomization(path);
  return parseAllDocuments(readFileSync(path, "utf8"))
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
}

function applyGenerators(objects: KubernetesObject[], kustomization: Kustomization, file: string) {
  const generated = [
    ...(kustomization.configMapGenerator ?? []).map((generator) => ({ generator, kind: "ConfigMap" })),
    ...(kustomization.secretGenerator ?? []).map((generator) => ({ generator, kind: "Secret" })),
  ];
  let result = objects;
  for (const { generator, kind } of generated) {
    const data = Object.fromEntries((generator.literals ?? []).map(splitLiteral));
    const existing = result.find((object) => object.kind === kind && object.metadata.name === generator.name);
    const behavior = generator.behavior ?? "create";
    if (behavior === "create" && existing)
      throw new UnsupportedKustomizationError(`${file}: ${kind} ${generator.name} already exists`);
    if (behavior !== "create" && !existing)
      throw new UnsupportedKustomizationError(
        `${file}: ${kind} ${generator.name} to ${behavior} does not exist`,
      );
    const previous = behavior === "merge" ? decodedData(existing) : {};
    const object = generatedObject(kind, generator.name, { ...previous, ...data }, existing);
    result = existing
      ? result.map((candidate) => (candidate === existing ? object : candidate))
      : [...result, object];
  }
  return result;
}

function splitLiteral(literal: string): [string, string] {
  const separator = literal.indexOf("=");
  if (separator < 1)
    throw new UnsupportedKustomizationError(`literal "${literal.split("=")[0]}" has no value`);
  return [literal.slice(0, separator), literal.slice(separator + 1)];
}

function decodedData(object: KubernetesObject | undefined): Record<string, string> {
  const data = (object?.data ?? {}) as Record<string, string>;
  if (object?.kind !== "Secret") return { ...data };
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, "base64").toString()]),
  );
}

function generatedObject(
  kind: string,
  name: string,
  data: Record<string, string>,
  existing: KubernetesObject | undefined,
): KubernetesObject {
  const metadata = { ...(existing?.metadata ?? {}), name };
  if (kind === "ConfigMap") return { apiVersion: "v1", kind, metadata, data };
  const encoded = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString("base64")]),
  );
  return { apiVersion: "v1", kind, metadata, type: "Opaque", data: encoded };
}

function applyPatch(
  objects: KubernetesObject[],
  patch: { path?: string; patch?: string; target: PatchTarget },
  directory: string,
): KubernetesObject[] {
  const source = patch.path ? readFileSync(join(directory, patch.path), "utf8") : (patch.patch ?? "");
  const operations = parseYaml(source) as unknown;
  if (!Array.isArray(operations))
    throw new UnsupportedKustomizationError(
      `${patch.path ?? "inline patch"}: only JSON 6902 patches (a list of operations) are supported`,
    );
  const matched = objects.filter((object) => matchesTarget(object, patch.target));
  if (matched.length === 0)
    throw new UnsupportedKustomizationError(
      `a patch in ${directory} matches no object: ${JSON.stringify(patch.target)}`,
    );
  return objects.map((object) =>
    matched.includes(object)
      ? (jsonPatch.applyPatch(structuredClone(object), operations as jsonPatch.Operation[], true, false)
          .newDocument as KubernetesObject)
      : object,
  );
}

/** Kustomize matches `target.name` as an anchored regular expression. */
function matchesTarget(object: KubernetesObject, target: PatchTarget): boolean {
  if (target.kind && object.kind !== target.kind) return false;
  if (target.name && !new RegExp(`^(?:${target.name})$`).test(object.metadata.name)) return false;
  return true;
}

function setNamespace(objects: KubernetesObject[], namespace: string): void {
  for (const object of objects)
    if (!CLUSTER_SCOPED_KINDS.has(object.kind)) object.metadata.namespace = namespace;
}

function addLabels(objects: KubernetesObject[], label: NonNullable<Kustomization["labels"]>[number]): void {
  for (const object of objects) {
    object.metadata.labels = { ...object.metadata.labels, ...label.pairs };
    const template = podTemplate(object);
    if (label.includeTemplates && template)
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...label.pairs } };
  }
}

function setImage(
  objects: KubernetesObject[],
  image: { name: string; newName?: string; newTag?: string },
): void {
  for (const object of objects) {
    for (const container of podTemplate(object)?.spec?.containers ?? []) {
      const [name, tag] = splitImage(container.image);
      if (name !== image.name) continue;
      const newTag = image.newTag ?? tag;
      container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ""}`;
    }
  }
}

function splitImage(image: string): [string, string | undefined] {
  const colon = image.lastIndexOf(":");
  return colon > image.lastIndexOf("/")
    ? [image.slice(0, colon), image.slice(colon + 1)]
    : [image, undefined];
}

function setReplicas(
  objects: KubernetesObject[],
  replica: { name: string; count: number },
  file: string,
): void {
  const target = objects.find(
    (object) => object.kind === "Deployment" && object.metadata.name === replica.name,
  );
  if (!target)
    throw new UnsupportedKustomizationError(`${file}: replicas for unknown Deployment ${replica.name}`);
  (target.spec as { replicas?: number }).replicas = replica.count;
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { image: string }[] };
}

function podTemplate(object: KubernetesObject): PodTemplate | undefined {
  if (object.kind !== "Deployment") return undefined;
  return (object.spec as { template?: PodTemplate }).template;
}

/** The overlays shipped in this repository, by name. */
export function overlayDirectory(overlay: string): string {
  const directory = resolve(dirname(new URL(import.meta.url).pathname), "..", "overlays", overlay);
  if (!existsSync(join(directory, "kustomization.yaml"))) throw new Error(`no overlay named ${overlay}`);
  return directory;
}
