/** One entry of a feed, normalized: plain data shared by the sidebar, the quick pick, the formatter and the CLI. */
export interface FeedEntry {
  /** Stable id: guid, Atom id, else the link. */
  id: string;
  /** The feed's display name (configured name, else the feed's title, else its URL). Plain text. */
  feed: string;
  /** Plain text: the parser has decoded entities and dropped markup (`&lt;video&gt;` is the text `<video>`). */
  title: string;
  /** Entry author, else the feed's author, else the configured author; '' when none is known. Plain text. */
  author: string;
  /** Absolute link; '' when the entry has none. */
  link: string;
  /** Published (else updated) time as an ISO 8601 string in UTC; '' when unknown or unparseable. */
  published: string;
  /** Summary or content HTML as the feed gives it. */
  summaryHtml: string;
}
