/**
 * JSON for a `<script type="application/json">` block: no `<` or `>` (so neither `</script>` nor
 * `<!--` can end or change the block), no `&`, and no U+2028/U+2029. JSON.parse reads the
 * `\uXXXX` escapes back to the same strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
