/** The scheduler lives in ./scheduler/ (one file per rule family; the rule list is its README.md). */
export * from './scheduler/index.ts';
