/// <reference lib="webworker" />
// ELK's worker. Constructing the bundled ELK loads its worker half, which, in a worker scope,
// answers ELK's worker protocol on `self.onmessage`; elk-api on the main thread talks to it (layout.ts).
import ELK from 'elkjs/lib/elk.bundled.js';

new ELK();
