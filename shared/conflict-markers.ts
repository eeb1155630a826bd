// Marker lines a merge leaves in a text to finish by hand (`<<<<<<< desk` … `=======` …
// `>>>>>>> laptop`), as the conflict inbox's "Start from both" and `ferry show ID --marked` write
// them. A resolution saved with them still in is kept as it is, so both the app and the CLI say so.

/** Whether the text still has an opening and a closing marker line (a lone "=======" underlines a Markdown heading). */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7}(?: |$)/mu.test(text) && /^>{7}(?: |$)/mu.test(text);
}
