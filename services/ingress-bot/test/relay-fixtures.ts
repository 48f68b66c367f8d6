import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the other system received: the body byte for byte and the secret header it was sent with. */
export interface Received {
  body: string;
  secret: string | undefined;
}

/**
 * How the other system answers its n-th call (1-based): a status code, or "hang" to hold the
 * request open until `release()` (a slow system), or "close" to drop the connection.
 */
export type Behaviour = (call: number) => number | "hang";

/** A real HTTP server playing the system that owned the bot's webhook before Topicdesk. */
export interface OriginalSystem {
  url: string;
  port: number;
  /** Calls answered with a 2xx, in arrival order. */
  accepted: Received[];
  /** Every call, whatever the answer. */
  calls: number;
  behave(behaviour: Behaviour): void;
  /** Answers every held ("hang") request with 200. */
  release(): void;
  held(): number;
  close(): Promise<void>;
}

export async function startOriginalSystem(port = 0, path = "/hook/abc"): Promise<OriginalSystem> {
  let behaviour: Behaviour = () => 200;
  const hanging: Array<{ response: ServerResponse; received: Received }> = [];
  const system: OriginalSystem = {
    url: "",
    port: 0,
    accepted: [],
    calls: 0,
    behave: (next) => {
      behaviour = next;
    },
    release: () => {
      for (const { response, received } of hanging.splice(0)) {
        system.accepted.push(received);
        response.writeHead(200).end("ok");
      }
    },
    held: () => hanging.length,
    close: () => closeServer(server),
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      system.calls += 1;
      const header = request.headers["x-telegram-bot-api-secret-token"];
      const received = { body, secret: typeof header === "string" ? header : undefined };
      const answer = request.url === path ? behaviour(system.calls) : 404;
      if (answer === "hang") return void hanging.push({ response, received });
      if (answer >= 200 && answer < 300) system.accepted.push(received);
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  system.port = (server.address() as AddressInfo).port;
  system.url = `http://127.0.0.1:${system.port}${path}`;
  return system;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Polls until `probe` is truthy; the relay works in the background, so tests wait for its effect. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
