import { connect, type NatsConnection } from "@nats-io/transport-node";
import { watchConnectionChanges } from "@topicdesk/connections";
import { createLogger } from "@topicdesk/telemetry";
import { withConnectionChanges } from "../src/commands/change-announcer.ts";

/** The CLI connects to NATS only to announce a write, and still writes when NATS is not there. */
describe("CLI change announcements", () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: "nats://127.0.0.1:4222" });
  });
  afterAll(async () => {
    await nc.close();
  });

  test("a write announced through the CLI reaches the control subject before the CLI exits", async () => {
    const connectionId = `cli-${Date.now().toString(36)}`;
    const received: string[] = [];
    // The CLI talks to the installation, which uses no bus prefix.
    const watch = watchConnectionChanges({
      nc,
      log: createLogger({ service: "cli-test", level: "silent" }),
      onChange: async (change) => {
        if (change.connectionId === connectionId) received.push(change.change);
      },
      onResync: async () => undefined,
      resyncIntervalMs: 0,
    });
    await nc.flush();
    const answer = await withConnectionChanges("nats://127.0.0.1:4222", async (changes) => {
      await changes.announce(connectionId, "parameters");
      return "done";
    });
    expect(answer).toBe("done");
    for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await watch.stop();
    expect(received).toEqual(["parameters"]);
  });

  test("without a reachable NATS the write still runs and the person is told when it takes effect", async () => {
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const ran = await withConnectionChanges("nats://127.0.0.1:1", async (changes) => {
        await changes.announce("main", "parameters");
        return "written";
      });
      expect(ran).toBe("written");
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join("")).toMatch(/NATS \(nats:\/\/127\.0\.0\.1:1\) is not reachable: .* within a minute/);
  });
});
