// Public entry point; filled in by the package's issue.
export {};
