/**
 * Memoises a one-argument function for hot paths whose arguments repeat a lot (ids, day names). The map is
 * cleared whenever it reaches `max` entries, which bounds memory without bookkeeping per entry.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      if (values.size >= max) values.clear();
      value = compute(key);
      values.set(key, value);
    }
    return value;
  };
}
