// The Content-Security-Policy of the app's page, for both hosts: the web host (where the page also
// opens a WebSocket to its own host) and the desktop window (where it talks only over IPC). Note
// content is untrusted — it arrives from other devices — so nothing but the app's own scripts
// run, nothing is fetched from elsewhere, and the page cannot be framed.

export function appContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // CodeMirror 6 injects <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
