// clipGradNorm, clipGradValue, l1Penalty, l2Penalty (the optim issue).
export {};
