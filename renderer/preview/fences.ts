// Fenced code blocks (``` or ~~~), as the preview's run cutting (render-markdown.ts) and the task
// items it ticks (task-list.ts) both need to skip them: what opens one, and what closes it.

export interface Fence {
  mark: string;
  length: number;
}

/** The fence a line opens (its info string may follow), or null. */
export function fenceOpening(line: string): Fence | null {
  const opened = /^\s*(`{3,}|~{3,})/u.exec(line);
  return opened === null ? null : { mark: opened[1]!.charAt(0), length: opened[1]!.length };
}

/** Whether a line closes `fence`: the same mark, at least as long, and nothing after it. */
export function closesFence(line: string, fence: Fence): boolean {
  const match = /^\s*(`{3,}|~{3,})\s*$/u.exec(line);
  return match !== null && match[1]!.charAt(0) === fence.mark && match[1]!.length >= fence.length;
}
