// When a field's issues are shown ("don't shout"): a field's own new issues
// wait until it is settled (left, paused in, or chosen); an issue already shown
// stays while it applies; an issue the typing removed goes at once; cross-field
// issues follow the fields the user has touched. With `holdUnreached`, the
// issues of a field the user has not reached yet (focus has been neither in it
// nor in a later field of the form) wait until it is reached or everything is
// revealed: choosing 死亡 does not put errors on 死亡日付 before the user gets there.

export const DEFAULT_IDLE_MS = 700;

export class Reveal {
  /**
   * @param {number} idleMs pause in typing after which a field is settled
   * @param {(key: string) => void} onIdle called when the pause is over
   */
  constructor(idleMs, onIdle) {
    this.idleMs = idleMs;
    this.onIdle = onIdle;
    this.revealed = new Set(); // fields settled at least once
    this.dirty = new Set(); // fields whose value the user changed
    this.timers = new Map(); // key -> idle timeout while typing
    this.all = false; // after a submit attempt or handle.validate()
    /** (key) => whether the user has reached the field; null: every field counts as reached. */
    this.isReached = null;
  }

  /** The user typed in `key`: hold its new issues until a pause. */
  typing(key) {
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.onIdle(key), this.idleMs));
  }

  isTyping(key) {
    return this.timers.has(key);
  }

  /** `key` is settled: its issues show from now on. */
  settle(key) {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.revealed.add(key);
  }

  revealAll(keys) {
    this.stop();
    this.all = true;
    for (const key of keys) this.revealed.add(key);
  }

  /** Values already in the form (server-filled, restored) are not half-typed. */
  revealFilled(key) {
    this.revealed.add(key);
  }

  reset() {
    this.stop();
    this.revealed.clear();
    this.dirty.clear();
    this.all = false;
  }

  stop() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Whether `issue` is on screen, given the ids shown before on its field. */
  isShown(issue, shownBefore) {
    const key = issue.field;
    if (this.isTyping(key)) return shownBefore.has(issueId(issue));
    if (this.all || this.revealed.has(key)) return true;
    // A field ahead of the user: its findings wait until the user gets there.
    if (this.isReached && !this.isReached(key)) return false;
    // A cross-field issue on another field, caused by a field the user has edited.
    return issue.related.some((r) => this.revealed.has(r) || this.isTyping(r));
  }
}

export function issueId(issue) {
  return `${issue.code}|${issue.field}|${issue.related.join(',')}`;
}
