import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { checkReadiness, type DependencyCheck } from "./readiness.ts";

export interface HealthServerOptions {
  host: string;
  port: number;
  checks: readonly DependencyCheck[];
  timeoutMs?: number;
  /** Serves `/metrics` too (the Prometheus handler from `startTelemetry`), on the same port. */
  metrics?: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface HealthServer {
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

/**
 * `/healthz`, `/readyz` (and `/metrics`) of a process on its ops port: a bare node:http server, so
 * a service without HTTP of its own (router, delivery) needs no fastify for its probes.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/metrics" && options.metrics) {
      options.metrics(request, response);
      return;
    }
    if (request.method !== "GET" || (path !== "/healthz" && path !== "/readyz")) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    void checkReadiness(options.checks, options.timeoutMs).then((readiness) => {
      response
        .writeHead(readiness.ready ? 200 : 503, { "content-type": "application/json" })
        .end(JSON.stringify(readiness));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return { url: urlOf(server, options.host), close: () => closeServer(server) };
}

function urlOf(server: Server, host: string): string {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
