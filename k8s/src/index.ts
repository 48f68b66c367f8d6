export {
  type KubernetesObject,
  overlayDirectory,
  renderKustomization,
  UnsupportedKustomizationError,
} from "./render-kustomization.ts";
export { schemaErrors } from "./schema-validation.ts";
