/** Front matter text with its line breaks as LF for the parsers, and offsets in it mapped back to the document. */

/** Maps offsets in the LF-normalised text back to offsets in the original text. */
export class OffsetMap {
  /** Normalised offsets of the `\n` characters that stood for `\r\n` in the original. */
  private readonly shrunk: number[] = [];
  readonly normalized: string;

  constructor(
    original: string,
    private readonly base: number,
  ) {
    // Most front matter has LF line breaks only: nothing to map.
    if (!original.includes('\r')) {
      this.normalized = original;
      return;
    }
    let out = '';
    let from = 0;
    for (let i = 0; i < original.length; i++) {
      if (original.charCodeAt(i) !== 13) continue;
      out += original.slice(from, i) + '\n';
      if (original.charCodeAt(i + 1) === 10) {
        this.shrunk.push(out.length - 1);
        i++;
      }
      from = i + 1;
    }
    this.normalized = out + original.slice(from);
  }

  toDocument(offset: number): number {
    let lo = 0;
    let hi = this.shrunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.shrunk[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return this.base + offset + lo;
  }
}
