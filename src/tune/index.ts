// Filled in by the tune issue.
export {};
