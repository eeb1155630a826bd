// A failure as the words a screen shows: the FerryError's sentence (every engine error has one),
// or whatever else was thrown, as text.
export function errorWords(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
