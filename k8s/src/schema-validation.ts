import * as models from "kubernetes-models";
import type { KubernetesObject } from "./render-kustomization.ts";

/**
 * Validates rendered objects against the Kubernetes OpenAPI schemas bundled in `kubernetes-models`
 * (offline, no cluster needed). An object whose kind the schemas do not know is an error too: a typo
 * in `kind` or `apiVersion` must not pass as "unknown, so fine".
 */
export function schemaErrors(object: KubernetesObject): string[] {
  const Model = modelFor(object.apiVersion, object.kind);
  const where = `${object.kind}/${object.metadata?.name}`;
  if (!Model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}

type ModelClass = new (data: unknown) => { validate(): void };

/** `apps/v1` → models.apps.v1; `networking.k8s.io/v1` → models.networkingK8sIo.v1; `v1` → models.v1. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [undefined, apiVersion];
  const groupKey = group
    ? group.replace(/\.([a-z])/g, (_, letter: string) => letter.toUpperCase())
    : undefined;
  const root = models as unknown as Record<string, Record<string, Record<string, unknown>>>;
  const versions = groupKey ? root[groupKey] : (root as unknown as Record<string, Record<string, unknown>>);
  const candidate = versions?.[version ?? ""]?.[kind];
  return typeof candidate === "function" ? (candidate as ModelClass) : undefined;
}
