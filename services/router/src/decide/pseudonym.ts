import { createHmac } from "node:crypto";

// Syllables of Japanese romaji: the reference shows hidden names as "Japanese-style" pseudonyms,
// readable enough that operators can tell clients apart and talk about them.
const SYLLABLES = [
  "ka",
  "ki",
  "ku",
  "ke",
  "ko",
  "sa",
  "shi",
  "su",
  "se",
  "so",
  "ta",
  "chi",
  "tsu",
  "te",
  "to",
  "na",
  "ni",
  "nu",
  "ne",
  "no",
  "ha",
  "hi",
  "fu",
  "he",
  "ho",
  "ma",
  "mi",
  "mu",
  "me",
  "mo",
  "ya",
  "yu",
  "yo",
  "ra",
  "ri",
  "ru",
  "re",
  "ro",
  "wa",
  "n",
];

/**
 * A stable, readable pseudonym for a hidden client name. It is an HMAC of the client id under the
 * installation's secret, so the same client always gets the same name and nobody without the key
 * can go back from the pseudonym to the id.
 */
export function pseudonymFor(clientId: number, key: string): string {
  const digest = createHmac("sha256", key).update(String(clientId)).digest();
  const word = (offset: number, length: number): string => {
    let result = "";
    for (let index = 0; index < length; index += 1) {
      result += SYLLABLES[(digest[offset + index] ?? 0) % SYLLABLES.length];
    }
    return result.charAt(0).toUpperCase() + result.slice(1);
  };
  return `${word(0, 3)} ${word(8, 2)}`;
}
