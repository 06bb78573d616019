// Filled in by the io issue.
export {};
