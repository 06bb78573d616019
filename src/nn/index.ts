// Filled in by the nn issue.
export {};
