/**
 * UTF-16 code units by name, for code that reads text with `charCodeAt` (one pass, no slice per line).
 *
 * A `const enum`, and the only export of this file, on purpose: bundled, each use becomes the number
 * itself; in the tests and benches (each file transpiled on its own) it is one object read through one
 * getter, which stays as fast as the number only while that getter is asked for a single name.
 */
export const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Exclamation = 0x21,
  DoubleQuote = 0x22,
  Hash = 0x23,
  Percent = 0x25,
  Ampersand = 0x26,
  Apostrophe = 0x27,
  OpenParen = 0x28,
  CloseParen = 0x29,
  Asterisk = 0x2a,
  Plus = 0x2b,
  Comma = 0x2c,
  Hyphen = 0x2d,
  Period = 0x2e,
  Slash = 0x2f,
  Digit0 = 0x30,
  Digit9 = 0x39,
  Colon = 0x3a,
  Semicolon = 0x3b,
  LessThan = 0x3c,
  GreaterThan = 0x3e,
  Question = 0x3f,
  UpperA = 0x41,
  UpperR = 0x52,
  UpperZ = 0x5a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  Underscore = 0x5f,
  Backtick = 0x60,
  LowerC = 0x63,
  LowerM = 0x6d,
  LowerR = 0x72,
  Tilde = 0x7e,
  Delete = 0x7f,
  NoBreakSpace = 0xa0,
  Ellipsis = 0x2026,
}
