/**
 * The first place each key was seen, so that a repeat can say where the
 * original stands ("is already the name of clusters[0]"): the check every
 * list of unique entries needs, reported at the second occurrence, the one to
 * change.
 */
export class FirstSeen<V> {
  private readonly first = new Map<string, V>();

  /** Undefined the first time `key` is seen, which records `where`; afterwards, where it was first seen. */
  earlier(key: string, where: V): V | undefined {
    const first = this.first.get(key);
    if (first === undefined) {
      this.first.set(key, where);
    }
    return first;
  }
}
