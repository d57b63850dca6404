/**
 * How long a journey waits for the whiteboard to load and connect. Loading tldraw (several MB of
 * script) while other journeys draw theirs on the same two cores has taken longer than the default
 * five seconds in CI; connecting itself is quick. A wait, not a measurement: timings are in
 * `npm run bench`.
 */
export const WHITEBOARD_LOADS = { timeout: 20_000 };
