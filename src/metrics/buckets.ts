/**
 * Command duration buckets in seconds: mgit commands range from a 10 ms `list` answered from
 * cache to an hour-long `clone-all` of a large organisation, so the buckets span both ends
 * roughly logarithmically (about 2.5x apart) without making a series per bucket count explode.
 */
export const COMMAND_DURATION_BUCKETS = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600,
]

/** A single `git clone`: from a tiny repository on a LAN (~50 ms) to a monorepo (tens of minutes). */
export const GIT_CLONE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]

/** Provider API calls: tens of milliseconds normally, up to the clients' timeouts (~60 s). */
export const API_REQUEST_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
