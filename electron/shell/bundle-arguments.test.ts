// A .ferry file opened from a file manager reaches the app as a command-line argument.

import { describe, expect, it } from 'vitest';
import { bundleFilesIn } from './bundle-arguments.js';

describe('bundles on the command line', () => {
  it('are the .ferry arguments, made absolute, each once; flags and other files are not', () => {
    expect(bundleFilesIn(['--enable-logging', 'desk.ferry', '/media/stick/Laptop.FERRY', 'notes.txt', '--no-sandbox', 'desk.ferry'], '/home/me')).toEqual(['/home/me/desk.ferry', '/media/stick/Laptop.FERRY']);
    expect(bundleFilesIn([], '/home/me')).toEqual([]);
  });
});
