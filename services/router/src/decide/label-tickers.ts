import type { LabelDefinition } from "./module-facts.ts";

/** The tickers a dialog's labels show in its topic name, in the order the labels were put on. */
export function tickersOf(labels: readonly string[], definitions: readonly LabelDefinition[]): string[] {
  const tickerByName = new Map(definitions.map((label) => [label.name, label.ticker]));
  return labels.flatMap((name) => {
    const ticker = tickerByName.get(name);
    return ticker ? [ticker] : [];
  });
}
