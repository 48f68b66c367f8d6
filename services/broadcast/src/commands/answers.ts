import type { Broadcast, RecipientStatus } from "@topicdesk/db";

/** The short texts the service writes into the backend group. No client data, only counts. */

const number = (value: number) => value.toLocaleString("en-US");
const time = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function previewText(broadcast: Broadcast): string {
  const when = broadcast.scheduled_at ? `at ${time(broadcast.scheduled_at)}` : "right after you confirm";
  return [
    `📣 Broadcast #${broadcast.id} (draft): the message you replied to → ${number(broadcast.total)} recipient${broadcast.total === 1 ? "" : "s"} (${broadcast.audience}), ${when}.`,
    `Send it: /send confirm ${broadcast.id} · Drop it: /send cancel ${broadcast.id}`,
  ].join("\n");
}

export function confirmedText(broadcast: Broadcast): string {
  if (broadcast.status === "scheduled" && broadcast.scheduled_at) {
    return `📣 Broadcast #${broadcast.id} is scheduled for ${time(broadcast.scheduled_at)}. Pause or cancel it any time before.`;
  }
  return `📣 Broadcast #${broadcast.id} started: ${number(broadcast.total)} recipients. Progress shows below; /send pause ${broadcast.id} stops it for now.`;
}

export function progressText(broadcast: Broadcast, counts: Record<RecipientStatus, number>): string {
  const reached = counts.sent + counts.blocked + counts.failed;
  const state =
    broadcast.status === "done" ? "done" : broadcast.status === "running" ? "sending" : broadcast.status;
  const details = [
    `sent ${number(counts.sent)}`,
    `blocked ${number(counts.blocked)}`,
    `failed ${number(counts.failed)}`,
  ];
  if (counts.skipped > 0) details.push(`not sent ${number(counts.skipped)}`);
  return `📣 Broadcast #${broadcast.id} — ${state}: ${number(reached)} of ${number(broadcast.total)} (${details.join(", ")})`;
}

export function reportCaption(broadcast: Broadcast, counts: Record<RecipientStatus, number>): string {
  return `${progressText(broadcast, counts)}\nReport: one row per recipient.`;
}

/** Why a management command cannot apply to a broadcast in its current state. */
export function wrongStateText(broadcast: Broadcast, verb: string): string {
  return `Broadcast #${broadcast.id} is ${broadcast.status}; it cannot be ${pastTense(verb)}.`;
}

function pastTense(verb: string): string {
  return { confirm: "confirmed", pause: "paused", resume: "resumed", cancel: "cancelled" }[verb] ?? verb;
}
