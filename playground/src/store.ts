/**
 * The page's state: the settings (mirrored in the URL on every change) and the user's own points. Views
 * subscribe; nothing else holds mutable settings.
 */
import { fromQuery, normalize, toQuery, type Settings } from "./settings.js";
import type { Points } from "./model/datasets.js";
import { decodePoints, encodePoints } from "./model/points-codec.js";

export type Listener = (s: Settings, changed: (keyof Settings)[], store: Store) => void;

/** URL key of the user's own points. */
export const POINTS_KEY = "points";

export class Store {
  private current: Settings;
  private points: Points | null;
  private readonly listeners: Listener[] = [];

  constructor(query = "") {
    this.current = fromQuery(query);
    const raw = new URLSearchParams(query).get(POINTS_KEY);
    this.points = raw ? decodePoints(raw) : null;
  }

  get settings(): Settings {
    return this.current;
  }

  get customPoints(): Points | null {
    return this.points;
  }

  subscribe(fn: Listener): void {
    this.listeners.push(fn);
  }

  /** Changes settings; listeners hear which keys changed (none: no call). */
  set(patch: Partial<Settings>): void {
    const next = normalize({ ...this.current, ...patch });
    const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(this.current[k]));
    if (changed.length === 0) return;
    this.current = next;
    this.writeUrl();
    for (const fn of this.listeners) fn(next, changed, this);
  }

  /** Replaces the user's points and switches to them (a data change). */
  setPoints(points: Points | null): void {
    this.points = points;
    if (this.current.dataset !== "custom") {
      this.set({ dataset: "custom" });
      return;
    }
    this.writeUrl();
    for (const fn of this.listeners) fn(this.current, ["dataset"], this);
  }

  /** The query string of the current state: the settings that differ from the defaults, and the user's points. */
  query(): string {
    const q = toQuery(this.current);
    if (this.current.dataset !== "custom" || !this.points || this.points.y.length === 0) return q;
    return (q ? q + "&" : "") + `${POINTS_KEY}=${encodePoints(this.points)}`;
  }

  private writeUrl(): void {
    if (typeof history === "undefined") return;
    history.replaceState(null, "", `${location.pathname}?${this.query()}${location.hash}`);
  }
}
