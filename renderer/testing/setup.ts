// For renderer tests that run under jsdom (`// @vitest-environment jsdom` at the top of the
// file): unmount what each test rendered, so the next one starts from an empty page.
import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
