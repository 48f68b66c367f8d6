import {
  AccountLogin,
  CodeExpiredError,
  InvalidBotTokenError,
  InvalidPhoneError,
  LoginFloodWaitError,
  LoginStateError,
  loginBot,
  WrongCodeError,
  WrongPasswordError,
} from "../src/index.ts";
import { FAKE_ACCOUNT as ACCOUNT, FakeLoginClient, rpcError } from "../src/testing/index.ts";

describe("logging an account in by phone", () => {
  test("phone, then code: the account is logged in", async () => {
    const login = new AccountLogin(new FakeLoginClient());
    expect(await login.start("+49 151 1234-5678")).toEqual({
      kind: "code-sent",
      delivery: "app",
      length: 5,
      timeoutSeconds: 60,
    });
    expect(await login.submitCode(" 12345 ")).toEqual({ kind: "done", identity: ACCOUNT });
  });

  test("a wrong code is said so and may be entered again", async () => {
    const login = new AccountLogin(new FakeLoginClient());
    await login.start("+4915112345678");
    await expect(login.submitCode("11111")).rejects.toBeInstanceOf(WrongCodeError);
    await expect(login.submitCode("11111")).rejects.toThrow(
      "The code is wrong. Check it and enter it again.",
    );
    expect(await login.submitCode("12345")).toMatchObject({ kind: "done" });
  });

  test("an expired code asks for a new login", async () => {
    const client = new FakeLoginClient();
    const login = new AccountLogin(client);
    await login.start("+4915112345678");
    client.failures.push(rpcError(400, "PHONE_CODE_EXPIRED"));
    const error = await login.submitCode("12345").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CodeExpiredError);
    expect((error as CodeExpiredError).code).toBe("code-expired");
  });

  test("two-step verification: the password is asked for with its hint; a wrong one may be retried", async () => {
    const client = new FakeLoginClient();
    client.password = "correct horse";
    const login = new AccountLogin(client);
    await login.start("+4915112345678");
    expect(await login.submitCode("12345")).toEqual({ kind: "password-needed", hint: "our cat" });
    await expect(login.submitPassword("wrong")).rejects.toBeInstanceOf(WrongPasswordError);
    expect(await login.submitPassword("correct horse")).toEqual({ kind: "done", identity: ACCOUNT });
  });

  test("a flood wait names its seconds", async () => {
    const client = new FakeLoginClient();
    client.failures.push(rpcError(420, "FLOOD_WAIT_73"));
    const error = await new AccountLogin(client).start("+4915112345678").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoginFloodWaitError);
    expect(error).toMatchObject({
      seconds: 73,
      message: "Telegram asks to wait 73 seconds before the next attempt.",
    });
  });

  test("an invalid phone number is refused with the expected format", async () => {
    const client = new FakeLoginClient();
    client.failures.push(rpcError(400, "PHONE_NUMBER_INVALID"));
    await expect(new AccountLogin(client).start("12")).rejects.toBeInstanceOf(InvalidPhoneError);
  });

  test("steps out of order are refused without asking Telegram", async () => {
    const client = new FakeLoginClient();
    const login = new AccountLogin(client);
    await expect(login.submitCode("12345")).rejects.toBeInstanceOf(LoginStateError);
    await expect(login.submitPassword("x")).rejects.toBeInstanceOf(LoginStateError);
    expect(client.calls).toEqual([]);
  });

  test("an unexpected failure (not a login refusal) comes through unchanged", async () => {
    const client = new FakeLoginClient();
    const outage = new Error("socket hang up");
    client.failures.push(outage);
    await expect(new AccountLogin(client).start("+4915112345678")).rejects.toBe(outage);
  });
});

describe("logging a bot in over MTProto (parallel mode)", () => {
  test("a valid token logs the bot in", async () => {
    expect(await loginBot(new FakeLoginClient(), " 123:valid ")).toMatchObject({ id: 123, isBot: true });
  });

  test("an invalid token is said so", async () => {
    await expect(loginBot(new FakeLoginClient(), "123:nope")).rejects.toBeInstanceOf(InvalidBotTokenError);
  });
});
