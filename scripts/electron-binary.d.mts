/** The Electron binary's path, found as the electron package keeps it; null when it is not installed. */
export function electronBinary(): string | null;
