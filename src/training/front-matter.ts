/** A module's metadata: `key: value` lines and `key:` followed by `  - item` lines, between `---` fences. */
export type FrontMatter = Record<string, string | string[]>;

export function parseFrontMatter(text: string, file: string): { meta: FrontMatter; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: front matter missing (the file must start with ---)`);
  const meta: FrontMatter = {};
  let list: string[] | undefined;
  for (const [index, line] of (match[1] ?? '').split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && list) {
      list.push((item[1] ?? '').trim());
      continue;
    }
    const pair = /^([a-zA-Z][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) throw new Error(`${file}: front matter line ${index + 1} is neither "key: value" nor "  - item"`);
    const [, key = '', value = ''] = pair;
    if (value.trim() === '') {
      list = [];
      meta[key] = list;
    } else {
      list = undefined;
      meta[key] = value.trim();
    }
  }
  return { meta, body: match[2] ?? '' };
}
