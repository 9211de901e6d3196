/** The defaults of the feed settings (`roundup.refreshIntervalMinutes`, `roundup.lookbackDays`, `roundup.fetch.*`). */
export const FEED_DEFAULTS = {
  /** `roundup.refreshIntervalMinutes`: 0 = only by hand. */
  refreshIntervalMinutes: 60,
  /** `roundup.lookbackDays`: older entries are hidden. */
  lookbackDays: 30,
  fetch: {
    /** `roundup.fetch.timeoutSeconds` */
    timeoutSeconds: 20,
    /** `roundup.fetch.connectTimeoutSeconds`: to connect and send the headers. */
    connectTimeoutSeconds: 5,
    /** `roundup.fetch.maxBytes` (after decompression). */
    maxBytes: 10 * 1024 * 1024,
  },
} as const;
