// A plain-text table for a terminal: columns padded to their widest cell (counted in code points,
// so µ and ≤ take one column), section lines between groups of rows, a rule under the header.

export type TableLine = { kind: 'row'; cells: readonly string[] } | { kind: 'section'; title: string };

export type Align = 'left' | 'right';

const width = (text: string) => [...text].length;

export function renderTable(header: readonly string[], lines: readonly TableLine[], align: readonly Align[] = []): string {
  const rows = lines.flatMap((line) => (line.kind === 'row' ? [line.cells] : []));
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((cells) => width(cells[column] ?? ''))));
  const pad = (text: string, column: number) => {
    const fill = ' '.repeat(widths[column]! - width(text));
    return align[column] === 'right' ? fill + text : text + fill;
  };
  const format = (cells: readonly string[]) =>
    header
      .map((_, column) => pad(cells[column] ?? '', column))
      .join('  ')
      .trimEnd();
  const out = [format(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const line of lines) out.push(line.kind === 'row' ? format(line.cells) : line.title);
  return out.join('\n') + '\n';
}
