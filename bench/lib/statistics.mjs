// Order statistics of the samples.
export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
export const median = (xs) => quantile([...xs].sort((a, b) => a - b), 0.5);
