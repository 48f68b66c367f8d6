import { ChatMember, MtPeerNotFoundError, PeersIndex, type TelegramClient, tl, User } from "@mtcute/node";
import { mtcuteLookups } from "../src/client/mtcute-lookups.ts";
import { aUser } from "./support/tl-factories.ts";

/** mtcute's own objects (built from real TL), as its client would return them. */
function member(participant: tl.TypeChannelParticipant): ChatMember {
  return new ChatMember(participant, PeersIndex.from({ users: [aUser(10)], chats: [] }));
}

function clientAnswering(answers: { member?: () => ChatMember | null; users?: () => (User | null)[] }) {
  return {
    getChatMember: async () => (answers.member ? answers.member() : null),
    getUsers: async () => (answers.users ? answers.users() : []),
  } as unknown as TelegramClient;
}

const rights = (fields: Partial<tl.RawChatAdminRights>): tl.RawChatAdminRights => ({
  _: "chatAdminRights",
  ...fields,
});

describe("mtcute's answers in the Bot API's terms", () => {
  test.each<[string, tl.TypeChannelParticipant, { status: string; canRestrictMembers: boolean }]>([
    [
      "the owner",
      { _: "channelParticipantCreator", userId: 10, adminRights: rights({}) },
      { status: "creator", canRestrictMembers: true },
    ],
    [
      "an admin with “Ban users”",
      {
        _: "channelParticipantAdmin",
        userId: 10,
        promotedBy: 1,
        date: 0,
        adminRights: rights({ banUsers: true }),
      },
      { status: "administrator", canRestrictMembers: true },
    ],
    [
      "an admin without it",
      {
        _: "channelParticipantAdmin",
        userId: 10,
        promotedBy: 1,
        date: 0,
        adminRights: rights({ pinMessages: true }),
      },
      { status: "administrator", canRestrictMembers: false },
    ],
    [
      "a member",
      { _: "channelParticipant", userId: 10, date: 0 },
      { status: "member", canRestrictMembers: false },
    ],
    [
      "someone banned",
      {
        _: "channelParticipantBanned",
        left: true,
        peer: { _: "peerUser", userId: 10 },
        kickedBy: 1,
        date: 0,
        bannedRights: { _: "chatBannedRights", viewMessages: true, untilDate: 0 },
      },
      { status: "kicked", canRestrictMembers: false },
    ],
  ])("%s", async (_name, participant, expected) => {
    const lookups = mtcuteLookups(clientAnswering({ member: () => member(participant) }));
    expect(await lookups.getChatMember({ chatId: -1009, userId: 10 })).toEqual(expected);
  });

  test("someone who is not in the group is “left”", async () => {
    const lookups = mtcuteLookups(clientAnswering({ member: () => null }));
    expect(await lookups.getChatMember({ chatId: -1009, userId: 10 })).toEqual({
      status: "left",
      canRestrictMembers: false,
    });
  });

  test("a user with names and username", async () => {
    const sam = new User(aUser(5150, { firstName: "Sam", lastName: "Stone", username: "sam_stone" }));
    const lookups = mtcuteLookups(clientAnswering({ users: () => [sam] }));
    expect(await lookups.getUser("sam_stone")).toEqual({
      id: 5150,
      isBot: false,
      firstName: "Sam",
      lastName: "Stone",
      username: "sam_stone",
    });
  });

  test("an id the session has no access hash for is Telegram's PEER_ID_INVALID, not a crash", async () => {
    const lookups = mtcuteLookups(
      clientAnswering({
        users: () => {
          throw new MtPeerNotFoundError("Peer 6000 is not found in local cache");
        },
      }),
    );
    const error = await lookups.getUser(6000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(tl.RpcError);
    expect((error as tl.RpcError).text).toBe("PEER_ID_INVALID");
  });
});
