/**
 * Writing a string as a YAML scalar in front matter, for new posts and for the fixes that insert or
 * quote a value.
 */

/** Characters a single-quoted or plain scalar cannot hold as they are. */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
const YAML_SPECIAL = /^(?:y|n|yes|no|true|false|on|off|null|~|=|[-+]?\.(?:inf|nan))$/i;
const YAML_NUMBER_OR_DATE = /^(?:[-+]?[.\d][\d_.,:eE+-]*|0[xXoObB][\dA-Fa-f_]+)$/;

/** True when `value` must be quoted to stay the same string in YAML (1.1 and 1.2). */
function yamlNeedsQuotes(value: string): boolean {
  return (
    value === '' ||
    value !== value.trim() ||
    NEEDS_ESCAPE.test(value) ||
    /^[-?:,[\]{}#&*!|>'"%@`]/.test(value) ||
    /[:#]/.test(value) ||
    YAML_SPECIAL.test(value) ||
    YAML_NUMBER_OR_DATE.test(value)
  );
}

/**
 * A string as a quoted YAML scalar: single-quoted (`'` doubled, as the blog's posts do) or, when
 * `quote` is `"` or the string holds control or line-break characters, double-quoted with escapes.
 */
export function yamlQuoted(value: string, quote: "'" | '"' = "'"): string {
  if (quote === "'" && !NEEDS_ESCAPE.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return `"${value.replace(/[\\"\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/g, escapedChar)}"`;
}

/** A character as a double-quoted YAML or TOML string writes it: `\\`, `\"`, `\n`, `\t`, `\r`, else `\uXXXX`. */
export function escapedChar(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    default:
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  }
}

/** A YAML scalar for a string: plain when that reads back as the same string, else {@link yamlQuoted}. */
export function yamlString(value: string): string {
  return yamlNeedsQuotes(value) ? yamlQuoted(value) : value;
}
