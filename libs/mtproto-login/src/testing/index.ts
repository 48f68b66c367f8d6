export { FAKE_ACCOUNT, FakeLoginClient, rpcError } from "./fake-login-client.ts";
