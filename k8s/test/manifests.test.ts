import { readFileSync } from "node:fs";
import { SERVICE_NAMES } from "@topicdesk/all-in-one";
import { parse } from "yaml";
import { type KubernetesObject, overlayDirectory, renderKustomization, schemaErrors } from "../src/index.ts";

interface Container {
  name: string;
  args?: string[];
  image: string;
  ports?: { name: string; containerPort: number }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
    runAsNonRoot?: boolean;
  };
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}

interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
}

const spec = <T>(object: KubernetesObject) => object.spec as T;
const podSpec = (deployment: KubernetesObject) =>
  spec<{ template: { spec: PodSpec; metadata: { labels: Record<string, string> } } }>(deployment).template;
const ofKind = (objects: KubernetesObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);
const named = (objects: KubernetesObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);
const readDependency = (file: string) =>
  parse(readFileSync(new URL(`../dependencies/${file}`, import.meta.url), "utf8")) as Record<string, unknown>;

describe.each(["dev", "production"])("the %s overlay", (overlay) => {
  const objects = renderKustomization(overlayDirectory(overlay));
  const deployments = ofKind(objects, "Deployment");

  test("every object is valid against the Kubernetes schemas", () => {
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(objects.length).toBeGreaterThan(20);
  });

  test("there is one Deployment per service, running that service of the one image", () => {
    const services = deployments.map((deployment) => podSpec(deployment).spec.containers[0]?.args).sort();
    expect(services).toEqual([...SERVICE_NAMES].sort().map((name) => [name]));
    for (const deployment of deployments)
      expect(podSpec(deployment).spec.containers[0]?.image).toMatch(/^ghcr\.io\/topicdesk\/topicdesk:\d/);
  });

  test("every container has probes on its ops port, requests and limits, and runs non-root read-only", () => {
    for (const deployment of deployments) {
      const pod = podSpec(deployment).spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      for (const container of pod.containers) {
        const where = `${deployment.metadata.name}/${container.name}`;
        const portNames = (container.ports ?? []).map((port) => port.name);
        expect([where, container.livenessProbe?.httpGet?.path]).toEqual([where, "/healthz"]);
        expect([where, container.readinessProbe?.httpGet?.path]).toEqual([where, "/readyz"]);
        expect(portNames).toContain(container.livenessProbe?.httpGet?.port);
        for (const part of ["requests", "limits"] as const)
          expect([where, part, Object.keys(container.resources?.[part] ?? {}).sort()]).toEqual([
            where,
            part,
            ["cpu", "memory"],
          ]);
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
      }
    }
  });

  test("configuration comes from the ConfigMap and secrets from the Secret", () => {
    expect(named(objects, "ConfigMap", "topicdesk-config")).toBeDefined();
    for (const deployment of deployments) {
      const sources = podSpec(deployment).spec.containers[0]?.envFrom ?? [];
      expect(sources.map((source) => source.configMapRef?.name ?? source.secretRef?.name)).toEqual([
        "topicdesk-config",
        "topicdesk-secrets",
      ]);
    }
  });

  test("every Service, budget and autoscaler points at a Deployment that exists", () => {
    const podLabels = deployments.map((deployment) => podSpec(deployment).metadata.labels);
    const selects = (selector: Record<string, string>) =>
      podLabels.some((labels) => Object.entries(selector).every(([key, value]) => labels[key] === value));
    for (const service of ofKind(objects, "Service"))
      expect([
        service.metadata.name,
        selects(spec<{ selector: Record<string, string> }>(service).selector),
      ]).toEqual([service.metadata.name, true]);
    for (const budget of ofKind(objects, "PodDisruptionBudget"))
      expect(
        selects(spec<{ selector: { matchLabels: Record<string, string> } }>(budget).selector.matchLabels),
      ).toBe(true);
    const autoscaled = ofKind(objects, "HorizontalPodAutoscaler").map(
      (hpa) => spec<{ scaleTargetRef: { name: string } }>(hpa).scaleTargetRef.name,
    );
    expect(autoscaled.sort()).toEqual(["topicdesk-delivery", "topicdesk-ingress", "topicdesk-router"]);
    for (const name of autoscaled) expect(named(objects, "Deployment", name)).toBeDefined();
    expect(ofKind(objects, "PodDisruptionBudget")).toHaveLength(deployments.length);
  });

  test("network policies deny by default", () => {
    const deny = named(objects, "NetworkPolicy", "topicdesk-default-deny");
    expect(spec<{ podSelector: object; policyTypes: string[] }>(deny as KubernetesObject)).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
  });

  test("every namespaced object lands in the overlay's namespace", () => {
    const namespace = ofKind(objects, "Namespace")[0]?.metadata.name;
    expect(namespace).toBe(overlay === "dev" ? "topicdesk-dev" : "topicdesk");
    for (const object of objects.filter((candidate) => candidate.kind !== "Namespace"))
      expect([object.kind, object.metadata.name, object.metadata.namespace]).toEqual([
        object.kind,
        object.metadata.name,
        namespace,
      ]);
  });
});

describe("what differs between the overlays", () => {
  const dev = renderKustomization(overlayDirectory("dev"));
  const production = renderKustomization(overlayDirectory("production"));
  const replicas = (objects: KubernetesObject[], name: string) =>
    spec<{ replicas: number }>(named(objects, "Deployment", `topicdesk-${name}`) as KubernetesObject)
      .replicas;
  const config = (objects: KubernetesObject[]) =>
    (named(objects, "ConfigMap", "topicdesk-config") as KubernetesObject).data as Record<string, string>;

  test("production runs three replicas of the message path and replicates streams three times", () => {
    for (const name of ["ingress", "router", "delivery"]) expect(replicas(production, name)).toBe(3);
    expect(config(production).TOPICDESK_STREAM_REPLICAS).toBe("3");
    expect(config(production).LOG_LEVEL).toBe("info");
  });

  test("production expects its Secret from the cluster's secret manager; dev generates one", () => {
    expect(named(production, "Secret", "topicdesk-secrets")).toBeUndefined();
    const secret = named(dev, "Secret", "topicdesk-secrets") as KubernetesObject;
    expect(Object.keys(secret.data as object).sort()).toEqual([
      "DATABASE_URL",
      "NATS_URL",
      "REDIS_URL",
      "TOPICDESK_SECRET_KEY",
    ]);
  });

  test("dev runs one replica of everything, with debug logs", () => {
    for (const name of SERVICE_NAMES) expect([name, replicas(dev, name)]).toEqual([name, 1]);
    expect(config(dev).LOG_LEVEL).toBe("debug");
  });
});

describe("the data services' settings", () => {
  test("NATS: a 3-node cluster with JetStream on file storage", () => {
    const values = readDependency("nats-values.yaml") as {
      config: {
        cluster: { enabled: boolean; replicas: number };
        jetstream: { enabled: boolean; fileStore: { enabled: boolean } };
      };
    };
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true } });
  });

  test("Redis never evicts BullMQ's keys and keeps an append-only file", () => {
    const values = readDependency("redis-values.yaml") as { commonConfiguration: string };
    expect(values.commonConfiguration).toMatch(/^maxmemory-policy noeviction$/m);
    expect(values.commonConfiguration).toMatch(/^appendonly yes$/m);
  });

  test("Postgres: three instances with a synchronous replica", () => {
    const cluster = readDependency("postgres-cluster.yaml") as {
      kind: string;
      spec: { instances: number; minSyncReplicas: number };
    };
    expect(cluster.kind).toBe("Cluster");
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.minSyncReplicas).toBeGreaterThanOrEqual(1);
  });
});
