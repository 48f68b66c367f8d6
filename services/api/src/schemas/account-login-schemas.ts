import type { AccountLoginProgress } from "@topicdesk/mtproto-login";
import Type from "typebox";

const connectionId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,39}$",
  description: "the account's connection: lowercase letters, digits, dashes",
});

export const StartAccountLoginBody = Type.Object(
  {
    connectionId,
    phone: Type.String({
      pattern: "^\\+?[0-9\\s()-]{7,24}$",
      description: "the account's phone number in international format, like +4915123456789",
    }),
    backendChatId: Type.Optional(
      Type.Integer({
        maximum: -1,
        description:
          "the forum supergroup (-100…) where the account is a member; needed for a new connection",
      }),
    ),
    title: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "name of the new connection" }),
    ),
    adminUserId: Type.Optional(
      Type.Integer({ minimum: 1, description: "Telegram user id of the new connection's administrator" }),
    ),
  },
  { additionalProperties: false },
);

export const LoginParams = Type.Object({
  loginId: Type.String({ format: "uuid", description: "the id `POST /v1/accounts/logins` answered" }),
});

export const LoginCodeBody = Type.Object(
  { code: Type.String({ pattern: "^[0-9\\s-]{3,12}$", description: "the login code Telegram sent" }) },
  { additionalProperties: false },
);

export const LoginPasswordBody = Type.Object(
  {
    password: Type.String({
      minLength: 1,
      maxLength: 256,
      description: "the two-step verification password",
    }),
  },
  { additionalProperties: false },
);

const CodeStep = Type.Object({
  loginId: Type.String(),
  connectionId: Type.String(),
  step: Type.Literal("code"),
  code: Type.Object({
    length: Type.Integer(),
    delivery: Type.String({ description: "where the code went: app (another Telegram app), sms, call …" }),
    timeoutSeconds: Type.Integer({ description: "seconds before another way of sending may be asked for" }),
  }),
});

const PasswordStep = Type.Object({
  loginId: Type.String(),
  connectionId: Type.String(),
  step: Type.Literal("password"),
  passwordHint: Type.Union([Type.String(), Type.Null()]),
});

const DoneStep = Type.Object({
  loginId: Type.String(),
  connectionId: Type.String(),
  step: Type.Literal("done"),
  account: Type.Object({
    id: Type.Number(),
    name: Type.String(),
    username: Type.Union([Type.String(), Type.Null()]),
  }),
});

/** Where a login stands: `code` and `password` ask for the next request, `done` is logged in. */
export const AccountLoginView = Type.Union([CodeStep, PasswordStep, DoneStep], { $id: "AccountLoginView" });
export type AccountLoginView = Type.Static<typeof AccountLoginView>;

/** Errors of the login routes: the common body, plus what the client needs to act on. */
export const AccountLoginErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({
      description:
        "wrong_code, wrong_password (try again), code_expired (start again), flood_wait (see retryAfterSeconds), password_needed (see passwordHint), invalid_phone, phone_banned, login_not_open, mtproto_off …",
    }),
    error: Type.String(),
    message: Type.String(),
    retryAfterSeconds: Type.Optional(Type.Integer()),
    passwordHint: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { $id: "AccountLoginErrorBody" },
);

export function accountLoginView(loginId: string, progress: AccountLoginProgress): AccountLoginView {
  const { connectionId } = progress;
  switch (progress.kind) {
    case "code-sent": {
      const { length, delivery, timeoutSeconds } = progress;
      return { loginId, connectionId, step: "code", code: { length, delivery, timeoutSeconds } };
    }
    case "password-needed":
      return { loginId, connectionId, step: "password", passwordHint: progress.hint };
    case "done": {
      const { id, name, username } = progress.identity;
      return { loginId, connectionId, step: "done", account: { id, name, username } };
    }
  }
}
