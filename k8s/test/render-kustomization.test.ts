import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderKustomization, UnsupportedKustomizationError } from "../src/index.ts";

/** A kustomization in a temporary folder: `files` maps relative paths to their YAML text. */
function kustomizationWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "td-kustomize-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, ".."), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return directory;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

describe("rendering a kustomization", () => {
  test("applies resources, JSON 6902 patches, namespace, labels, images and replicas like kustomize", () => {
    const directory = kustomizationWith({
      "base/kustomization.yaml": "resources: [web.yaml]\nlabels: [{ pairs: { team: support } }]\n",
      "base/web.yaml": deployment,
      "kustomization.yaml": `namespace: prod
resources: [base]
patches:
  - target: { kind: Deployment, name: "w.b" }
    patch: |-
      - { op: add, path: /spec/template/spec/containers/0/args, value: [router] }
images: [{ name: web, newName: registry.example/web, newTag: "2" }]
replicas: [{ name: web, count: 3 }]
`,
    });
    const [rendered] = renderKustomization(directory);
    expect(rendered).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "prod", labels: { team: "support" } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "registry.example/web:2", args: ["router"] }] },
        },
      },
    });
  });

  test("merges a ConfigMap generator into the base's ConfigMap and encodes generated Secrets", () => {
    const directory = kustomizationWith({
      "base/kustomization.yaml": "resources: [config.yaml]\n",
      "base/config.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { A: '1', B: '2' }\n",
      "kustomization.yaml": `resources: [base]
generatorOptions: { disableNameSuffixHash: true }
configMapGenerator: [{ name: c, behavior: merge, literals: [B=3] }]
secretGenerator: [{ name: s, literals: ["URL=postgres://x=y"] }]
`,
    });
    const [config, secret] = renderKustomization(directory);
    expect(config?.data).toEqual({ A: "1", B: "3" });
    expect(secret).toMatchObject({ kind: "Secret", type: "Opaque", data: { URL: btoa("postgres://x=y") } });
  });

  test.each([
    [
      "an unknown field",
      "resources: [web.yaml]\ncommonLabels: { a: b }\n",
      /unsupported kustomization fields commonLabels/,
    ],
    [
      "a strategic-merge patch",
      "resources: [web.yaml]\npatches: [{ target: { kind: Deployment }, patch: 'spec: { replicas: 2 }' }]\n",
      /only JSON 6902 patches/,
    ],
    [
      "a patch that matches nothing",
      "resources: [web.yaml]\npatches: [{ target: { kind: Service }, patch: '[]' }]\n",
      /matches no object/,
    ],
    [
      "generated names with hash suffixes",
      "resources: [web.yaml]\nconfigMapGenerator: [{ name: c, literals: [A=1] }]\n",
      /disableNameSuffixHash/,
    ],
    [
      "replicas of a missing Deployment",
      "resources: [web.yaml]\nreplicas: [{ name: api, count: 2 }]\n",
      /unknown Deployment api/,
    ],
  ])("refuses %s instead of rendering something kustomize would not", (_case, kustomization, message) => {
    const directory = kustomizationWith({ "kustomization.yaml": kustomization, "web.yaml": deployment });
    expect(() => renderKustomization(directory)).toThrow(UnsupportedKustomizationError);
    expect(() => renderKustomization(directory)).toThrow(message);
  });
});
