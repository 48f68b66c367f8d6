import { createSecretBox, SecretDecryptionError } from "../src/index.ts";

describe("secret box", () => {
  const box = createSecretBox("correct horse battery staple");

  test("a sealed secret opens to the original text", () => {
    const token = "7000000001:AAH-ünïcødé-token";
    expect(box.open(box.seal(token))).toBe(token);
  });

  test("sealing the same text twice gives different ciphertexts", () => {
    const first = box.seal("same");
    const second = box.seal("same");
    expect(first).not.toBe(second);
    expect(box.open(first)).toBe("same");
    expect(box.open(second)).toBe("same");
  });

  test("the sealed form is versioned and does not contain the secret", () => {
    const sealed = box.seal("plain-token");
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain("plain-token");
  });

  test("a box with another key refuses to open it", () => {
    const sealed = box.seal("plain-token");
    expect(() => createSecretBox("another key").open(sealed)).toThrow(SecretDecryptionError);
  });

  test("tampered ciphertext is refused", () => {
    const [version, iv, tag, ciphertext] = box.seal("plain-token").split(":");
    const bytes = Buffer.from(ciphertext ?? "", "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const tampered = [version, iv, tag, bytes.toString("base64")].join(":");
    expect(() => box.open(tampered)).toThrow(SecretDecryptionError);
  });

  test("malformed or unknown formats are refused with the same named error", () => {
    for (const sealed of ["", "plain-token", "v2:a:b:c", "v1:AAAA:BBBB:CCCC", `${box.seal("x")}:extra`]) {
      expect(() => box.open(sealed)).toThrow(SecretDecryptionError);
    }
  });

  test("the error message never contains the secret", () => {
    const sealed = createSecretBox("other").seal("plain-token");
    expect(() => box.open(sealed)).toThrow(/wrong key or tampered data/);
    expect(() => box.open(sealed)).not.toThrow(/plain-token/);
  });

  test("empty key material is refused", () => {
    expect(() => createSecretBox("")).toThrow(/must not be empty/);
  });
});
