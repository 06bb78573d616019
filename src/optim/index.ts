// Filled in by the optim issue.
export {};
