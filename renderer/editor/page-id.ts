// This page's id, made once when it loads: the engine tells one window's typing from another's
// by it (see `page` in the app contract), so two windows on one note never overwrite each other.

let id: string | null = null;

export function pageId(): string {
  id ??= crypto.randomUUID();
  return id;
}
