import { stringify } from "yaml";
import { overlayDirectory, renderKustomization } from "./render-kustomization.ts";

/**
 * `pnpm --filter @topicdesk/k8s render <overlay>` prints what `kubectl kustomize k8s/overlays/<overlay>`
 * prints, for machines without kubectl (CI here). Apply with kubectl in real clusters.
 */
const overlay = process.argv[2] ?? "production";
const objects = renderKustomization(overlayDirectory(overlay));
process.stdout.write(objects.map((object) => stringify(object)).join("---\n"));
