import type { IPeersRepository, IReferenceMessagesRepository } from "@mtcute/node";

/** Where peers live: the session storage's `peer` entries, as JSON strings. */
export interface PeerEntries {
  list(): string[];
  get(id: number): string | undefined;
  put(id: number, value: string | null): void;
}

interface StoredPeer extends Omit<IPeersRepository.PeerInfo, "complete"> {
  complete: string;
}

/**
 * Peers (access hashes, usernames, phones) the session has met: needed to address a chat after a
 * restart. Username and phone lookups scan the entries; a session knows thousands, not millions.
 */
export function peersRepository(entries: PeerEntries): IPeersRepository {
  const decode = (value: string | undefined): IPeersRepository.PeerInfo | null => {
    if (value === undefined) return null;
    const stored = JSON.parse(value) as StoredPeer;
    return { ...stored, complete: new Uint8Array(Buffer.from(stored.complete, "base64")) };
  };
  const find = (matches: (peer: IPeersRepository.PeerInfo) => boolean) =>
    entries
      .list()
      .map((value) => decode(value))
      .find((peer): peer is IPeersRepository.PeerInfo => peer !== null && !peer.isMin && matches(peer)) ??
    null;
  return {
    store: (peer) => {
      const stored: StoredPeer = { ...peer, complete: Buffer.from(peer.complete).toString("base64") };
      entries.put(peer.id, JSON.stringify(stored));
    },
    getById: (id) => decode(entries.get(id)),
    getByUsername: (username) => find((peer) => peer.usernames.includes(username.toLowerCase())),
    getByPhone: (phone) => find((peer) => peer.phone === phone),
    deleteAll: () => {
      for (const value of entries.list()) entries.put((JSON.parse(value) as StoredPeer).id, null);
    },
  };
}

/**
 * Reference messages let mtcute address "min" peers through a message they appeared in. Kept in
 * memory only: after a restart mtcute fetches full peers again, so nothing is lost but a lookup.
 */
export function referenceMessagesRepository(): IReferenceMessagesRepository {
  const byPeer = new Map<number, Array<[chatId: number, messageId: number]>>();
  return {
    store: (peerId, chatId, messageId) => {
      byPeer.set(peerId, [...(byPeer.get(peerId) ?? []), [chatId, messageId]]);
    },
    getByPeer: (peerId) => {
      const refs = byPeer.get(peerId);
      return refs?.reduce((best, ref) => (ref[1] > best[1] ? ref : best)) ?? null;
    },
    delete: (chatId, messageIds) => {
      for (const [peerId, refs] of byPeer) {
        byPeer.set(
          peerId,
          refs.filter(([refChat, refMessage]) => refChat !== chatId || !messageIds.includes(refMessage)),
        );
      }
    },
    deleteByPeer: (peerId) => {
      byPeer.delete(peerId);
    },
    deleteAll: () => {
      byPeer.clear();
    },
  };
}
