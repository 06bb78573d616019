// Filled in by the data issue.
export {};
