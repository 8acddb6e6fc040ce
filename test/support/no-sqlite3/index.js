// fox-wamp (the third-party router the interop tests start) lists sqlite3 for its optional persistent
// storage, which the tests never enable. Installing the real sqlite3 means compiling a native addon in
// `npm ci`; this package takes its place, and says so loudly if anything ever does load it.
throw new Error('sqlite3 is not installed in this project: fox-wamp sqlite storage is not available (see test/support/no-sqlite3)');
