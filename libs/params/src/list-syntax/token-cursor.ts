import type { ListToken } from "./list-tokenizer.ts";

/** Walks a token list for a hand-written recursive-descent parser. */
export class TokenCursor {
  readonly #tokens: readonly ListToken[];
  #index = 0;

  constructor(tokens: readonly ListToken[]) {
    this.#tokens = tokens;
  }

  get atEnd(): boolean {
    return this.#index >= this.#tokens.length;
  }

  /** The next token, or undefined at the end; callers check `atEnd` when the end is an error. */
  next(): ListToken | undefined {
    const token = this.#tokens[this.#index];
    this.#index += 1;
    return token;
  }

  peek(): ListToken | undefined {
    return this.#tokens[this.#index];
  }
}
